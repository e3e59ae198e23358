package dev.connectkit.examples.fanout;

import dev.connectkit.lab.Loopback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's limits that bound a fan-out: the ephemeral port range and the open-file limit (Linux). */
final class Limits {
    private Limits() {
    }

    static int ephemeralPorts() {
        int[] range = Loopback.ephemeralPortRange();
        return range[1] - range[0] + 1;
    }

    static int openFiles() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (Files.exists(limits)) {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    return Integer.parseInt(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        }
        return 1_024;
    }
}
