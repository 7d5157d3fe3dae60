/** gmmflow method-omt (being built). */
package io.gmmflow.omt;
