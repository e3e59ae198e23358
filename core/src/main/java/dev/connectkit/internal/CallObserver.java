package dev.connectkit.internal;

import dev.connectkit.posix.ErrnoException;

/**
 * Something that sees every call {@link Syscalls} makes: it runs the call itself, so it sees the call enter,
 * return or fail, and how long it took. The tracer ({@code dev.connectkit.trace}) is one.
 */
@FunctionalInterface
public interface CallObserver {

    /** The call itself, as the observer runs it. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws ErrnoException;
    }

    /**
     * Runs {@code body}, the call {@code invocation} describes, and returns what it returned; an
     * {@link ErrnoException} it throws must reach the caller unchanged.
     */
    <T> T observe(Invocation invocation, Body<T> body) throws ErrnoException;

    /** The observer that only runs the call. */
    CallObserver NONE = new CallObserver() {
        @Override
        public <T> T observe(Invocation invocation, Body<T> body) throws ErrnoException {
            return body.run();
        }
    };

    /** This observer around {@code inner}: both see the call, this one first on entry and last on return. */
    default CallObserver around(CallObserver inner) {
        if (inner == NONE) {
            return this;
        }
        if (this == NONE) {
            return inner;
        }
        CallObserver outer = this;
        return new CallObserver() {
            @Override
            public <T> T observe(Invocation invocation, Body<T> body) throws ErrnoException {
                return outer.observe(invocation, () -> inner.observe(invocation, body));
            }
        };
    }
}
