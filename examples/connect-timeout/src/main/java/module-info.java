/** A blocking connect() that times out: ETIMEDOUT from the kernel, and Java's own timeout. */
module dev.connectkit.examples.timeout {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.timeout;
}
