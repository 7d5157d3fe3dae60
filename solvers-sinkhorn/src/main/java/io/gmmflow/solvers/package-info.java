/** gmmflow solvers-sinkhorn (being built). */
package io.gmmflow.solvers;
