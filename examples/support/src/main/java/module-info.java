/** What every connectkit example shares: the narrator, the command line, and exit codes. */
module dev.connectkit.examples.support {
    requires transitive dev.connectkit.core;
    exports dev.connectkit.examples.support;
}
