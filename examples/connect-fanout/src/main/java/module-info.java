/** Connect fan-out measured side by side: why non-blocking connect exists, and what Java's layers cost against C. */
module dev.connectkit.examples.fanout {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.fanout;
}
