/** O_NONBLOCK: EINPROGRESS, EALREADY, writability, SO_ERROR, EISCONN; and Java's Selector. */
module dev.connectkit.examples.nonblocking {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.nonblocking;
}
