/**
 * connectkit's core: connect() and its companion socket calls behind one POSIX-shaped API, with backends on the
 * real kernel (libc through FFM), on a simulated network, and on java.nio.
 */
@SuppressWarnings("module") // the qualified export's target is built after core, so core cannot see it
module dev.connectkit.core {
    exports dev.connectkit.posix;
    exports dev.connectkit.manpage;
    exports dev.connectkit.lab;
    exports dev.connectkit.sim;
    exports dev.connectkit.javamap;
    exports dev.connectkit.i18n;
    exports dev.connectkit.trace;
    // EpollLoopCalls: the raw epoll loop the fan-out benchmark measures against C; no other module sees libc.
    exports dev.connectkit.internal.libc to dev.connectkit.examples.fanout;
}
