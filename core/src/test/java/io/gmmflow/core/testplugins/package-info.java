/**
 * Test-only plugins, one per kind, registered in {@code src/test/resources/META-INF/services} so the
 * registry tests do not depend on the real plugin modules. Each is small but does what it says.
 */
package io.gmmflow.core.testplugins;
