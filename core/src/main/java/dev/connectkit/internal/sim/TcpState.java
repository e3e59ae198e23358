package dev.connectkit.internal.sim;

/**
 * The TCP states the simulation models, as {@code ss}/{@code netstat} name them. A client moves
 * {@code CLOSED → SYN_SENT → ESTABLISHED → CLOSED}; a failed attempt goes {@code SYN_SENT → CLOSED}.
 */
enum TcpState {
    CLOSED, LISTEN, SYN_SENT, ESTABLISHED;

    /** Whether a socket may go from this state to {@code next}: the order the property tests hold the simulator to. */
    boolean mayBecome(TcpState next) {
        return switch (this) {
            case CLOSED -> next == SYN_SENT || next == LISTEN || next == ESTABLISHED; // ESTABLISHED: an accepted child
            case LISTEN -> next == CLOSED;
            case SYN_SENT -> next == ESTABLISHED || next == CLOSED;
            case ESTABLISHED -> next == CLOSED;
        };
    }
}
