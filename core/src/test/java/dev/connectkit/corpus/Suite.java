package dev.connectkit.corpus;

/**
 * A public test suite the corpus takes scenarios from, with the snapshot that was read. Each scenario is written
 * anew on the kit's API; only the scenario and the Linux outcome the suite asserts carry over.
 */
enum Suite {
    /** gVisor's system-call tests, written against real Linux (deviations are marked IsRunningOnGvisor()). */
    GVISOR("google/gvisor", "3c5eee17dc45659fb86843531074f38e78e0cc35", "test/syscalls/linux/"),
    /** The Linux Test Project's connect() tests. */
    LTP("linux-test-project/ltp", "695827725f4fc14fe583043127e0335c29bbd52d", "testcases/kernel/syscalls/connect/"),
    /** OpenJDK's channel tests: Java outcomes, ported to the system calls underneath them. */
    OPENJDK("openjdk/jdk", "", "test/jdk/java/nio/channels/");

    private final String repository;
    private final String commit;
    private final String directory;

    Suite(String repository, String commit, String directory) {
        this.repository = repository;
        this.commit = commit;
        this.directory = directory;
    }

    /** {@code owner/name} on GitHub. */
    String repository() {
        return repository;
    }

    /** The commit read, or empty where files were read one by one from the stored index. */
    String commit() {
        return commit;
    }

    /** The folder the suite's connect() tests live in; a scenario's file is relative to it. */
    String directory() {
        return directory;
    }
}
