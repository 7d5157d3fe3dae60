/**
 * Plugin discovery: {@link io.gmmflow.core.registry.PluginRegistry} (ServiceLoader, explicit lists
 * or Guice maps) and {@link io.gmmflow.core.registry.GmmflowModule} (Guice {@code MapBinder} per
 * plugin kind). Names are lower-kebab-case and unique within a kind; unknown names fail with the
 * list of available ones.
 */
package io.gmmflow.core.registry;
