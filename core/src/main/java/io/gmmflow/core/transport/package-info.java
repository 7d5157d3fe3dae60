/**
 * The {@link io.gmmflow.core.transport.GmmTransport} facade: method or plugin composition,
 * planning two mixtures, and moving samples along the resulting mixture flow.
 */
package io.gmmflow.core.transport;
