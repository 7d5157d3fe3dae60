/**
 * Example mains for seed 002 (Chen, Georgiou, Tannenbaum) on top of method-exact: Fig. 1 (d against
 * W2), Figs. 2-7 (1-D and 2-D interpolations: standard OMT against the mixture geodesic) and
 * Figs. 8-10 (barycenters). Each writes PNGs (XChart) into the directory given as its first argument
 * and prints JSON lines with the numbers behind the pictures; {@code ExactKernelTimings} prints the
 * speed of the geodesic field and the W2 cost. Run with {@code examples/run exact.Seed002Figure1 DIR}.
 */
package io.gmmflow.examples.exact;
