package dev.connectkit.exercises.tools.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class paths an exercise is built and tested with, all from the kit that runs the tools (in a grade: the
 * template's): {@code student}, what a student's code compiles against (the kit's core alone); {@code runtime},
 * what the tests compile against and what a test JVM loads (core, JUnit, AssertJ, the exercises' testkit, the
 * tools themselves). Maven writes both lists to {@code exercises/tools/target/toolchain/} when it builds the tools.
 */
public record Toolchain(List<Path> student, List<Path> runtime, Path jvm) {

    public Toolchain {
        student = List.copyOf(student);
        runtime = List.copyOf(runtime);
    }

    /** The toolchain of the tools running now. */
    public static Toolchain current() {
        Path tools = toolsLocation();
        Path target = tools.getParent();
        Path dir = target.resolve("toolchain");
        try {
            List<Path> runtime = new ArrayList<>();
            runtime.add(tools);
            runtime.addAll(read(dir.resolve("runtime.classpath")));
            return new Toolchain(read(dir.resolve("student.classpath")), runtime,
                    Path.of(System.getProperty("java.home"), "bin", "java"));
        } catch (IOException e) {
            throw new UncheckedIOException(dev.connectkit.exercises.tools.i18n.Msg.ERR_NO_TOOLCHAIN.text(dir), e);
        }
    }

    /** The folder or jar the tools' classes were loaded from. */
    static Path toolsLocation() {
        try {
            return Path.of(Toolchain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> read(Path file) throws IOException {
        String text = Files.readString(file).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
    }

    /** A class path as the JVM and javac take it. */
    public static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
