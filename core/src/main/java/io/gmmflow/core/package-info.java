/** gmmflow core (being built). */
package io.gmmflow.core;
