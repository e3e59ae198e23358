/** What every connectkit example implements, whatever its module: the Example SPI, and a way to run one in a test. */
module dev.connectkit.examples.support {
    requires transitive dev.connectkit.core;
    exports dev.connectkit.examples.support;
}
