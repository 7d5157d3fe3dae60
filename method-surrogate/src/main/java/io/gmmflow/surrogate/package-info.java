/** gmmflow method-surrogate (being built). */
package io.gmmflow.surrogate;
