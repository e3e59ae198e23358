package dev.connectkit.corpus;

import dev.connectkit.sim.SimNetwork;

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
    /** The simulated network whose file system holds the folder; null on disk. */
    private final SimNetwork network;

    private Workspace(String root, boolean onDisk, SimNetwork network) {
        this.root = root;
        this.onDisk = onDisk;
        this.network = network;
    }

    /** A new, empty temporary directory, deleted with everything in it on {@link #close()}. */
    static Workspace onDisk() {
        try {
            return new Workspace(Files.createTempDirectory("ck-corpus").toString(), true, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator's folder, in the simulated host's file system. */
    static Workspace simulated(SimNetwork network) {
        return new Workspace(SIMULATED_ROOT, false, network);
    }

    /** The absolute path of {@code name} in this folder. */
    String path(String name) {
        return root + "/" + name;
    }

    /** How many bytes the folder's own path takes in a {@code sun_path}, with the slash after it. */
    int prefixLength() {
        return root.length() + 1;
    }

    /** Creates a directory named {@code name}. */
    void directory(String name) throws IOException {
        if (onDisk) {
            Files.createDirectory(Path.of(path(name)));
        } else {
            network.directory(path(name));
        }
    }

    /** Creates an empty regular file named {@code name}. */
    void regularFile(String name) throws IOException {
        if (onDisk) {
            Files.createFile(Path.of(path(name)));
        } else {
            network.file(path(name));
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
