package dev.connectkit.corpus;

/**
 * Where a scenario comes from: the suite, the file (relative to the suite's test folder) and the test's name as
 * that suite spells it.
 */
record Source(Suite suite, String file, String test) {

    /** The file's path inside its repository. */
    String path() {
        return suite.directory() + file;
    }

    /** {@code google/gvisor test/syscalls/linux/tcp_socket.cc SimpleTcpSocketTest.BlockingConnectRefused}. */
    @Override
    public String toString() {
        return suite.repository() + " " + path() + " " + test;
    }
}
