/** gmmflow method-exact (being built). */
package io.gmmflow.exact;
