package dev.connectkit.conformance;

import dev.connectkit.posix.Capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capabilities a conformance test needs. On a backend that lacks one, {@link CapabilityGate} still runs the
 * test and requires the backend to refuse, with an {@code UnsupportedCapabilityException} naming that capability:
 * the test then reports "not applicable" with the backend's reason, and a backend that lacks the capability but
 * lets the test run through fails (a silent difference).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Capability[] value();
}
