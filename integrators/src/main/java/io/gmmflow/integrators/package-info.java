/** gmmflow integrators (being built). */
package io.gmmflow.integrators;
