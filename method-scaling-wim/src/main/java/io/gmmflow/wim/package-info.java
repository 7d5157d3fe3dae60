/** gmmflow method-scaling-wim (being built). */
package io.gmmflow.wim;
