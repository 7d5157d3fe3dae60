/** gmmflow examples (being built). */
package io.gmmflow.examples;
