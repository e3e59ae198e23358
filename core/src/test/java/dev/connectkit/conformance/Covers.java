package dev.connectkit.conformance;

import dev.connectkit.manpage.Statement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The man-page statements a conformance test checks; the report groups results by them. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
    Statement[] value();
}
