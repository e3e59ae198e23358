/** AF_UNIX: connect() does not bind the client, which stays unnamed. */
module dev.connectkit.examples.unixdomain {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.unixdomain;
}
