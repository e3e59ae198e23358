package dev.connectkit.examples.fanout;

import dev.connectkit.lab.Loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine's limits that bound a fan-out: the ephemeral port range and the open-file limit (Linux). */
final class Limits {
    private Limits() {
    }

    static int ephemeralPorts() {
        int[] range = Loopback.ephemeralPortRange();
        return range[1] - range[0] + 1;
    }

    /** The soft limit on open files ({@code ulimit -n}), from /proc/self/limits; 1,024 where that is missing. */
    static int openFiles() {
        Path limits = Path.of("/proc/self/limits");
        try {
            if (Files.exists(limits)) {
                for (String line : Files.readAllLines(limits)) {
                    if (line.startsWith("Max open files")) {
                        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                        return soft.equals("unlimited") ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE,
                                Long.parseLong(soft));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 1_024;
    }

    /** How many descriptors this process has open now (/proc/self/fd); 64 as a guess where that is missing. */
    static int openDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 64;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
