/** A UDP socket connected to a peer: where send() goes, whom recv() hears, and the null address. */
module dev.connectkit.examples.udppeer {
    requires transitive dev.connectkit.examples.support;
    exports dev.connectkit.examples.udppeer;
}
