/** The connectkit command: the narrated tour of every example, and a way to run any one of them. */
module dev.connectkit.examples.tour {
    requires dev.connectkit.examples.support;
    requires dev.connectkit.examples.tcpclient;
    requires dev.connectkit.examples.udppeer;
    requires dev.connectkit.examples.nonblocking;
    requires dev.connectkit.examples.timeout;
    requires dev.connectkit.examples.interrupted;
    requires dev.connectkit.examples.unixdomain;
    requires dev.connectkit.examples.fanout;
    exports dev.connectkit.examples.tour;
}
