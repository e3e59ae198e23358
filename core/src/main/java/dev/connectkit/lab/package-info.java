/**
 * Loopback peers built on the kit's own API, so they run on every backend: listeners, a port where nothing
 * listens, and a listener whose full accept queue keeps a connect() pending.
 */
package dev.connectkit.lab;
