package dev.connectkit.conformance;

import dev.connectkit.internal.Backend;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The backend a {@link ConnectContract} subclass runs the contract on. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ContractFor {
    Class<? extends Backend> value();
}
