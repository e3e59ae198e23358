/** The seed's TCP client, done right: line for line on the kit's POSIX API, and in idiomatic Java. */
module dev.connectkit.examples.tcpclient {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.tcpclient;
}
