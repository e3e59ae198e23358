package dev.connectkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured: what the figures depend on beyond the code.
 *
 * @param loadAverage the one-minute load average when the run started ("-" where unknown): others' work shows here
 */
record Machine(int cores, String kernel, String jdk, String loadAverage) {

    static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + firstWord(Path.of("/proc/sys/kernel/osrelease"),
                        System.getProperty("os.version")),
                Runtime.version().toString(), firstWord(Path.of("/proc/loadavg"), "-"));
    }

    private static String firstWord(Path file, String otherwise) {
        try {
            return Files.readString(file).strip().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }
}
