/** The connectkit command: the narrated tour of every example, and a way to run any one of them. */
module dev.connectkit.examples.tour {
    requires dev.connectkit.examples.support;
    requires dev.connectkit.examples.tcpclient;
    exports dev.connectkit.examples.tour;
}
