package dev.connectkit.posix;

import dev.connectkit.i18n.Language;

import java.util.List;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The errors of POSIX {@code connect()} as the kit knows them: for each of the 25 errnos POSIX.1-2024 lists, what
 * the standard says of it, the case that makes Linux's {@code connect()} return it on loopback (or why Linux never
 * does there, with the kernel source that decides it), and what the simulator and java.nio do with the same case.
 *
 * <p>The docs' table of connect() errnos and {@code connectkit explain} both read this catalogue; ConnectErrnosTest
 * runs every case on the kernel, the simulator and java.nio and fails where a row says otherwise. The sentences
 * are in the {@code ConnectErrors} resource bundle, in English and Chinese; the Chinese bundle also holds the
 * Chinese of the kit's English prose about errnos that lives in code ({@link Errno#whenConnect()},
 * {@link Capability#what()}).
 */
public final class ConnectErrors {
    private ConnectErrors() {
    }

    /** What POSIX.1-2024 says of an errno in connect()'s ERRORS section. */
    public enum PosixClass {
        /** "The connect() function shall fail if:". */
        SHALL,
        /** "The connect() function shall fail if:", for an AF_UNIX socket. */
        SHALL_AF_UNIX,
        /** "The connect() function may fail if:". */
        MAY,
        /** Not in connect()'s ERRORS section. */
        NOT_LISTED
    }

    /** A backend of the kit other than the kernel, named as {@link Sockets} backends name themselves. */
    public enum Backend {
        /** The simulated network. */
        SIM("sim"),
        /** java.nio channels, on this machine's kernel. */
        NIO("nio");

        private final String label;

        Backend(String label) {
            this.label = label;
        }

        /** The backend's own name: {@code sim} or {@code nio}. */
        public String label() {
            return label;
        }
    }

    /** What a backend other than the kernel does with the case of one errno. */
    public sealed interface Elsewhere {
        /** It runs the case and returns the same errno. */
        record Same() implements Elsewhere {
        }

        /** It refuses the case with an {@link UnsupportedCapabilityException} naming {@code capability}. */
        record Lacks(Capability capability) implements Elsewhere {
        }

        /** It cannot even set the case up; {@link Row#sentence(Backend, Language)} says why. */
        record CannotSetUp() implements Elsewhere {
        }

        /** The kernel has no loopback case, but this backend has one of its own, which the row's sentence describes. */
        record OwnCase() implements Elsewhere {
        }

        /** The kernel has no loopback case and the kit has none for this backend either. */
        record NoCase() implements Elsewhere {
        }

        /** java.nio calls this machine's kernel: what the row says of Linux holds for it. */
        record AsTheKernel() implements Elsewhere {
        }
    }

    private static final Elsewhere SAME = new Elsewhere.Same();

    /**
     * One errno of POSIX connect().
     *
     * @param errno    the errno
     * @param posix    what POSIX says of it
     * @param produced whether the kit's case makes Linux's connect() return it on loopback; otherwise the Linux
     *                 sentence says why it never does there
     * @param sim      what the simulator does with the case
     * @param nio      what java.nio does with the case
     */
    public record Row(Errno errno, PosixClass posix, boolean produced, Elsewhere sim, Elsewhere nio) {

        /**
         * The case that makes Linux's connect() return the errno ({@code "a loopback port where nothing listens"}),
         * or, where it is not {@link #produced()}, why Linux never returns it on loopback.
         */
        public String linux(Language language) {
            return text(language, errno.name() + ".linux");
        }

        /** What {@code backend} does with the case. */
        public Elsewhere on(Backend backend) {
            return backend == Backend.SIM ? sim : nio;
        }

        /**
         * The sentence of an {@link Elsewhere.OwnCase} (the backend's case) or an {@link Elsewhere.CannotSetUp} (why
         * it cannot set the case up).
         *
         * @throws IllegalStateException for any other outcome, which has no sentence of its own
         */
        public String sentence(Backend backend, Language language) {
            Elsewhere outcome = on(backend);
            if (!(outcome instanceof Elsewhere.OwnCase || outcome instanceof Elsewhere.CannotSetUp)) {
                throw new IllegalStateException(errno + " on " + backend.label() + " is " + outcome
                        + ", which has no sentence of its own");
            }
            return text(language, backend.label() + "." + errno.name());
        }
    }

    private static Row shall(Errno errno, Elsewhere sim, Elsewhere nio) {
        return new Row(errno, PosixClass.SHALL, true, sim, nio);
    }

    private static Row shallAfUnix(Errno errno, Elsewhere sim, Elsewhere nio) {
        return new Row(errno, PosixClass.SHALL_AF_UNIX, true, sim, nio);
    }

    private static Row may(Errno errno, Elsewhere sim, Elsewhere nio) {
        return new Row(errno, PosixClass.MAY, true, sim, nio);
    }

    private static Row notOnLinux(Errno errno, PosixClass posix, Elsewhere sim) {
        return new Row(errno, posix, false, sim, new Elsewhere.AsTheKernel());
    }

    private static Elsewhere lacks(Capability capability) {
        return new Elsewhere.Lacks(capability);
    }

    /** The 25 errnos of POSIX.1-2024 connect(): 12 shall fail, 5 shall fail for AF_UNIX, 8 may fail. */
    public static final List<Row> ROWS = List.of(
            shall(Errno.EADDRNOTAVAIL, SAME, SAME),
            shall(Errno.EAFNOSUPPORT, SAME, SAME),
            shall(Errno.EALREADY, SAME, SAME), // S-12
            shall(Errno.EBADF, SAME, SAME),
            shall(Errno.ECONNREFUSED, SAME, SAME),
            shall(Errno.EINPROGRESS, SAME, SAME), // S-11
            shall(Errno.EINTR, SAME, lacks(Capability.SIGNALS)), // S-10
            shall(Errno.EISCONN, SAME, SAME),
            shall(Errno.ENETUNREACH, SAME, SAME),
            shall(Errno.ENOTSOCK, lacks(Capability.FILE_DESCRIPTORS), lacks(Capability.FILE_DESCRIPTORS)),
            shall(Errno.EPROTOTYPE, SAME, lacks(Capability.UNIX_DATAGRAM)),
            shall(Errno.ETIMEDOUT, SAME, lacks(Capability.TCP_SYNCNT)), // S-09
            notOnLinux(Errno.EIO, PosixClass.SHALL_AF_UNIX, new Elsewhere.NoCase()),
            shallAfUnix(Errno.ELOOP, new Elsewhere.CannotSetUp(), SAME),
            shallAfUnix(Errno.ENAMETOOLONG, new Elsewhere.CannotSetUp(), SAME),
            shallAfUnix(Errno.ENOENT, SAME, SAME),
            shallAfUnix(Errno.ENOTDIR, SAME, SAME),
            may(Errno.EACCES, SAME, SAME), // S-14
            notOnLinux(Errno.EADDRINUSE, PosixClass.MAY, new Elsewhere.NoCase()),
            may(Errno.ECONNRESET, SAME, SAME),
            notOnLinux(Errno.EHOSTUNREACH, PosixClass.MAY, new Elsewhere.OwnCase()),
            may(Errno.EINVAL, SAME, lacks(Capability.EXPLICIT_ADDRLEN)),
            notOnLinux(Errno.ENETDOWN, PosixClass.MAY, new Elsewhere.OwnCase()),
            notOnLinux(Errno.ENOBUFS, PosixClass.MAY, new Elsewhere.NoCase()),
            notOnLinux(Errno.EOPNOTSUPP, PosixClass.MAY, new Elsewhere.NoCase()));

    /** The row of {@code errno}; empty for an errno POSIX does not list for connect(). */
    public static Optional<Row> row(Errno errno) {
        return ROWS.stream().filter(r -> r.errno() == errno).findFirst();
    }

    /** What POSIX says of {@code errno} in connect()'s ERRORS. */
    public static PosixClass posix(Errno errno) {
        return row(errno).map(Row::posix).orElse(PosixClass.NOT_LISTED);
    }

    /**
     * Why {@code backend} lacks {@code capability}: the reason its {@link UnsupportedCapabilityException} gives, in
     * {@code language}.
     */
    public static String reason(Backend backend, Capability capability, Language language) {
        return text(language, "lacks." + backend.label() + "." + capability.name());
    }

    /** {@link Errno#whenConnect()} in {@code language}. */
    public static String whenConnect(Errno errno, Language language) {
        return language == Language.EN ? errno.whenConnect() : text(language, "when." + errno.name());
    }

    /** {@link Capability#what()} in {@code language}. */
    public static String what(Capability capability, Language language) {
        return language == Language.EN ? capability.what() : text(language, "what." + capability.name());
    }

    /** The resource bundle of these sentences. */
    public static final String BUNDLE = "dev.connectkit.posix.ConnectErrors";

    private static String text(Language language, String key) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.bundleLocale());
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the " + language.tag() + " bundle " + BUNDLE + " has no sentence " + key
                    + " (ConnectErrorsTest checks every key)", e);
        }
    }
}
