/**
 * The connectkit command and its examples. Each example is a package here: the plain sequence of socket calls,
 * the same in idiomatic Java, and a descriptor ({@code Example.properties}, with its Chinese twin) that the
 * catalogue, the tour, the README and the docs read. The kit's tracer prints what the calls did.
 *
 * <p>An open module: picocli sets each example's options by reflection, and the descriptors are read wherever
 * they are needed. Examples of other modules join through {@link dev.connectkit.examples.support.Example}'s
 * ServiceLoader.
 */
open module dev.connectkit.examples {
    requires transitive dev.connectkit.examples.support;
    requires info.picocli;
    // The catalogue, for a program that lists the examples (the README's check, the docs).
    exports dev.connectkit.examples.tour;
    uses dev.connectkit.examples.support.Example;
}
