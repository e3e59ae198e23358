/**
 * connectkit's core: connect() and its companion socket calls behind one POSIX-shaped API, with backends on the
 * real kernel (libc through FFM), on a simulated network, and on java.nio.
 */
module dev.connectkit.core {
    exports dev.connectkit.posix;
    exports dev.connectkit.manpage;
    exports dev.connectkit.lab;
    exports dev.connectkit.sim;
    exports dev.connectkit.javamap;
    exports dev.connectkit.i18n;
}
