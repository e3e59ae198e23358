package dev.connectkit.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder a scenario's AF_UNIX paths live in: a fresh temporary directory for the backends on the real file
 * system, a fixed name for the simulator. Observations show paths relative to it ({@code $DIR/server.sock}), so
 * two backends compare equal although their folders differ.
 */
final class Workspace implements AutoCloseable {
    private static final String SIMULATED_ROOT = "/connectkit-corpus";

    private final String root;
    private final boolean onDisk;

    private Workspace(String root, boolean onDisk) {
        this.root = root;
        this.onDisk = onDisk;
    }

    /** A new, empty temporary directory, deleted with everything in it on {@link #close()}. */
    static Workspace onDisk() {
        try {
            return new Workspace(Files.createTempDirectory("ck-corpus").toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator's folder: a name only, the simulator keeps its AF_UNIX names itself. */
    static Workspace simulated() {
        return new Workspace(SIMULATED_ROOT, false);
    }

    /** The absolute path of {@code name} in this folder. */
    String path(String name) {
        return root + "/" + name;
    }

    /** How many bytes the folder's own path takes in a {@code sun_path}, with the slash after it. */
    int prefixLength() {
        return root.length() + 1;
    }

    /**
     * Creates a directory named {@code name}. The simulator has no file system yet (issue 12: "an AF_UNIX path
     * that exists but is not a socket"), so on it the name stays unknown; once it has one, create it here.
     */
    void directory(String name) throws IOException {
        if (onDisk) {
            Files.createDirectory(Path.of(path(name)));
        }
    }

    /** Creates an empty regular file named {@code name}; on the simulator, as {@link #directory}. */
    void regularFile(String name) throws IOException {
        if (onDisk) {
            Files.createFile(Path.of(path(name)));
        }
    }

    /** {@code path} with this folder written as {@code $DIR}. */
    String relative(String path) {
        return path.startsWith(root + "/") ? "$DIR" + path.substring(root.length()) : path;
    }

    @Override
    public void close() {
        if (!onDisk) {
            return;
        }
        try (Stream<Path> all = Files.walk(Path.of(root))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
