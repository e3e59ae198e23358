package dev.connectkit.docs.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the docs' sources and outputs are: the build passes each folder as a system property (docs/pom.xml), and
 * a run from the docs folder finds the same defaults.
 */
final class DocsTree {
    private DocsTree() {
    }

    /** {@code docs/src/docs}: {@code en/}, {@code zh/}, {@code shared/}, {@code man/}. */
    static Path sources() {
        return folder("connectkit.docs.sources", "src/docs");
    }

    /** The built site: English pages at its top, Chinese pages in {@code zh/}. */
    static Path site() {
        return folder("connectkit.docs.site", "target/site");
    }

    /** The built man pages: {@code man1/}, {@code man2/}, and {@code zh_CN/man1/}, {@code zh_CN/man2/}. */
    static Path man() {
        return folder("connectkit.docs.man", "target/man");
    }

    /** The repository's top folder. */
    static Path root() {
        return folder("connectkit.root", "..");
    }

    private static Path folder(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    /** The page sources of one language folder: every {@code .adoc} whose name does not start with {@code _}. */
    static List<String> pages(Path languageFolder) {
        try (Stream<Path> files = Files.list(languageFolder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".adoc") && !name.startsWith("_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code folder} whose name ends with {@code suffix}, as paths relative to it. */
    static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(folder::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
