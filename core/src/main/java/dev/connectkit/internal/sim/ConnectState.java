package dev.connectkit.internal.sim;

/**
 * The socket layer's view of a connect(), as Linux keeps it beside the TCP state ({@code sock->state}):
 * {@code UNCONNECTED < CONNECTING < CONNECTED}. It is what makes the first connect() after an asynchronous
 * completion return 0 once (the socket is still CONNECTING until a connect() call reports the result).
 */
enum ConnectState {
    UNCONNECTED, CONNECTING, CONNECTED
}
