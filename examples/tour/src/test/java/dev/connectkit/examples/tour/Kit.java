package dev.connectkit.examples.tour;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository these tests run in: the kit itself, or a student handout made from it. */
final class Kit {
    private Kit() {
    }

    /** The repository's root, seen from this module's folder (Surefire's working directory). */
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /**
     * Whether this is the kit itself. A student handout ({@code ./connectkit handout}) leaves out {@code .ci/} and
     * the kit's workflows and brings a README of its own, so the checks of those files are made in the kit only.
     */
    static boolean isTheKit() {
        return Files.isRegularFile(ROOT.resolve(".ci/run"));
    }
}
