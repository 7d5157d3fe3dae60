/** gmmflow core-linalg (being built). */
package io.gmmflow.linalg;
