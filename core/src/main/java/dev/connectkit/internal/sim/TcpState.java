package dev.connectkit.internal.sim;

/**
 * The TCP states (RFC 9293, section 3.3.2), as {@code ss}/{@code netstat} name them, and the transitions between
 * them: a client goes {@code CLOSED → SYN_SENT → ESTABLISHED}, an accepted socket {@code CLOSED → SYN_RECV →
 * ESTABLISHED}; the side that closes first goes {@code FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT → CLOSED}, the
 * other {@code CLOSE_WAIT → LAST_ACK → CLOSED}; a reset ends any connection at once.
 */
enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT,
    LAST_ACK;

    /** Whether a socket may go from this state to {@code next}: the order the property tests hold the simulator to. */
    boolean mayBecome(TcpState next) {
        return switch (this) {
            case CLOSED -> next == SYN_SENT || next == LISTEN || next == SYN_RECV;
            case LISTEN, LAST_ACK, TIME_WAIT -> next == CLOSED;
            case SYN_SENT -> next == ESTABLISHED || next == SYN_RECV || next == CLOSED; // SYN_RECV: simultaneous open
            case SYN_RECV -> next == ESTABLISHED || next == CLOSED;
            case ESTABLISHED -> next == FIN_WAIT_1 || next == CLOSE_WAIT || next == CLOSED;
            case FIN_WAIT_1 -> next == FIN_WAIT_2 || next == CLOSING || next == CLOSED;
            case FIN_WAIT_2, CLOSING -> next == TIME_WAIT || next == CLOSED;
            case CLOSE_WAIT -> next == LAST_ACK || next == CLOSED;
        };
    }
}
