package dev.connectkit.internal.sim;

import dev.connectkit.posix.Errno;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The part of a host's file system that AF_UNIX sees: directories, regular files and socket files, by path.
 *
 * <p>A directory exists wherever a path needs one, unless the reader created something else there: the kit has
 * no mkdir(), and what connect() and bind() teach is what they find at the last name. So a path below a regular
 * file gives ENOTDIR, a missing last name ENOENT, and a last name that is not a socket ECONNREFUSED, as on
 * Linux ({@code unix_find_bsd()}).
 */
final class FileSystem {

    /** What a path names. */
    sealed interface Node permits Directory, RegularFile, SocketFile {
    }

    record Directory() implements Node {
    }

    record RegularFile() implements Node {
    }

    /** A socket file; it stays after its socket is closed, and then refuses connections. */
    static final class SocketFile implements Node {
        private UnixSocket socket;

        SocketFile(UnixSocket socket) {
            this.socket = socket;
        }

        /** The socket bound to this name, or null once it was closed. */
        UnixSocket socket() {
            return socket;
        }
    }

    /** What a lookup finds: a node, or why there is none. */
    sealed interface Lookup {
        record Found(Node node) implements Lookup {
        }

        record Missing(Errno errno) implements Lookup {
        }
    }

    private final Map<String, Node> nodes = new HashMap<>();
    /** The directories that exist because a path created below them needs them. */
    private final Set<String> implied = new HashSet<>();

    /** Creates a directory at {@code path}, as mkdir(2). */
    void directory(String path) {
        create(path, new Directory());
    }

    /** Creates an empty regular file at {@code path}. */
    void file(String path) {
        create(path, new RegularFile());
    }

    private void create(String path, Node node) {
        Errno why = creatable(path);
        if (why != null) {
            throw new IllegalArgumentException("cannot create " + path + ": " + why.name());
        }
        nodes.put(path, node);
        imply(path);
    }

    /** Every directory above {@code path} exists from now on. */
    private void imply(String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            implied.add(path.substring(0, slash));
        }
    }

    /** What {@code path} names: {@code path_lookup()} in the order the kernel walks it. */
    Lookup lookup(String path) {
        Errno prefix = prefixError(path);
        if (prefix != null) {
            return new Lookup.Missing(prefix);
        }
        Node node = nodes.get(path);
        if (node == null && (implied.contains(path) || path.equals("/"))) {
            node = new Directory(); // a directory above something created, or the root
        }
        return node == null ? new Lookup.Missing(Errno.ENOENT) : new Lookup.Found(node);
    }

    /** Why bind() cannot create a socket file at {@code path} ({@code mknod()}), or null if it can. */
    Errno creatable(String path) {
        Errno prefix = prefixError(path);
        if (prefix != null) {
            return prefix;
        }
        return lookup(path) instanceof Lookup.Found ? Errno.EADDRINUSE : null;
    }

    /** Creates the socket file of {@code socket} at {@code path}; the caller checked {@link #creatable}. */
    void bind(String path, UnixSocket socket) {
        nodes.put(path, new SocketFile(socket));
        imply(path);
    }

    /** The socket bound at {@code path} was closed: the file stays, and refuses connections from now on. */
    void closed(String path, UnixSocket socket) {
        if (nodes.get(path) instanceof SocketFile file && file.socket == socket) {
            file.socket = null;
        }
    }

    /** ENOTDIR if a component before the last names something other than a directory. */
    private Errno prefixError(String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            Node node = nodes.get(path.substring(0, slash));
            if (node != null && !(node instanceof Directory)) {
                return Errno.ENOTDIR;
            }
        }
        return null;
    }
}
