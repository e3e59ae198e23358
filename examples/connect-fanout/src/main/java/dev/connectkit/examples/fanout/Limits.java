package dev.connectkit.examples.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's limits that bound a fan-out: the ephemeral port range and the open-file limit (Linux). */
final class Limits {
    private Limits() {
    }

    static int ephemeralPorts() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(range)) {
            return 28_232; // Linux's default range, 32768-60999
        }
        String[] parts = Files.readAllLines(range).getFirst().trim().split("\\s+");
        return Integer.parseInt(parts[1]) - Integer.parseInt(parts[0]) + 1;
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
