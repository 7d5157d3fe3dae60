/**
 * gmmflow core: the pipeline on top of the plugins. So far the plugin registry
 * ({@link io.gmmflow.core.registry}) and the file formats ({@link io.gmmflow.core.io}); the
 * {@code GmmTransport} facade, {@code MixtureFlow} and EM fitting come with later issues.
 */
package io.gmmflow.core;
