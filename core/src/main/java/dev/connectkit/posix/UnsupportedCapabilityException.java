package dev.connectkit.posix;

import java.io.Serial;
import java.util.Objects;

/**
 * A call that needs a {@link Capability} the backend does not have: java.nio cannot deliver a signal, the
 * simulator cannot do everything the kernel does. It names the capability and why the backend lacks it; it is
 * never a silent difference from the kernel.
 */
public final class UnsupportedCapabilityException extends UnsupportedOperationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Capability capability;
    private final String backend;

    /** {@code backend} cannot do what {@code capability} names, for {@code reason} (one sentence). */
    public UnsupportedCapabilityException(String backend, Capability capability, String reason) {
        super(backend + " cannot " + capability.what() + " (" + capability + "): " + Objects.requireNonNull(reason));
        this.capability = capability;
        this.backend = Objects.requireNonNull(backend);
    }

    /** The capability the call needed. */
    public Capability capability() {
        return capability;
    }

    /** The backend that lacks it: {@code native}, {@code sim} or {@code nio}. */
    public String backend() {
        return backend;
    }
}
