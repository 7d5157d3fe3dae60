/** gmmflow benchmarks (being built). */
package io.gmmflow.benchmarks;
