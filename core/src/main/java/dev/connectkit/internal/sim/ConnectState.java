package dev.connectkit.internal.sim;

/**
 * The socket layer's view of a connect(), as Linux keeps it beside the TCP state ({@code sock->state}):
 * {@code UNCONNECTED < CONNECTING < CONNECTED}, and {@code DISCONNECTING}. CONNECTING is what makes the first
 * connect() after an asynchronous completion return 0 once: the socket stays CONNECTING until a connect() call
 * reports the result. DISCONNECTING is where shutdown() leaves an attempt that had not completed: connect() then
 * says EINVAL until connect(AF_UNSPEC) dissolves it ({@code inet_shutdown()}, {@code __inet_stream_connect()}).
 */
enum ConnectState {
    UNCONNECTED, CONNECTING, CONNECTED, DISCONNECTING;

    /** Whether the socket layer may go from this state to {@code next} ({@code __inet_stream_connect}). */
    boolean mayBecome(ConnectState next) {
        return switch (this) {
            case UNCONNECTED -> next == CONNECTING || next == CONNECTED; // CONNECTED: an accepted socket
            case CONNECTING -> next != CONNECTING;
            case CONNECTED -> next == UNCONNECTED; // a disconnect (AF_UNSPEC, shutdown of a listener)
            case DISCONNECTING -> next == UNCONNECTED; // a disconnect (AF_UNSPEC, or shutdown() ending SYN_SENT)
        };
    }
}
