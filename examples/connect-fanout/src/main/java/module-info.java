/** Connect fan-out measured side by side: why non-blocking connect exists, and what Java's layers cost against C. */
module dev.connectkit.examples.fanout {
    requires transitive dev.connectkit.examples.support;
    requires info.picocli;
    exports dev.connectkit.examples.fanout;
    // picocli fills the options of FanoutCommand (package-private) by reflection
    opens dev.connectkit.examples.fanout to info.picocli;
    // The tour's catalogue finds the benchmark here (ServiceLoader): ./connectkit list, ./connectkit connect-fanout.
    provides dev.connectkit.examples.support.Example with dev.connectkit.examples.fanout.ConnectFanout;
}
