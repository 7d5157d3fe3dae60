/**
 * Test helpers shared through the api test-jar: jqwik generators of valid Gaussians and mixtures.
 */
package io.gmmflow.api.testing;
