/** gmmflow cli (being built). */
package io.gmmflow.cli;
