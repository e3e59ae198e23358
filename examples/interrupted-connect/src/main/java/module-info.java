/** A signal interrupts a blocking connect(): EINTR, and the connection completes anyway. */
module dev.connectkit.examples.interrupted {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.interrupted;
}
