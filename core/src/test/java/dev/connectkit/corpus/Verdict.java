package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How one backend did on one scenario, judged against Linux and against the list of known mismatches. */
record Verdict(Backend backend, Status status, String reason, String difference, KnownMismatches.Entry known,
               Runner.Run run) {

    /** The outcomes a (scenario, backend) pair can have. */
    enum Status {
        /** Same observations as Linux. */
        PASS("pass"),
        /** Differs from Linux, and the difference is listed. */
        KNOWN_MISMATCH("mismatch-known"),
        /** The backend cannot express what the scenario needs, and refused it, naming the capability. */
        NOT_APPLICABLE("n/a"),
        /** Differs from Linux, and nobody listed it: the build fails. */
        NEW_MISMATCH("mismatch"),
        /** Listed as a mismatch but agrees now: the build fails until the line is deleted. */
        FIXED_BUT_LISTED("fixed-but-listed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static Verdict notApplicable(Backend backend, String reason) {
        return new Verdict(backend, Status.NOT_APPLICABLE, reason, null, null, null);
    }

    /**
     * Judges a run on a backend that lacks {@code missing}, some of what the scenario needs: the body must have
     * ended with the backend refusing one of them (then the pair is not applicable, for the backend's own reason);
     * a backend that ran through, or failed otherwise, differs silently.
     */
    static Verdict judgeRefusal(Backend backend, Runner.Run run, Set<Capability> missing) {
        UnsupportedCapabilityException refused = run.refusal();
        if (refused != null && missing.contains(refused.capability())) {
            return new Verdict(backend, Status.NOT_APPLICABLE, refused.getMessage(), null, null, run);
        }
        return new Verdict(backend, Status.NEW_MISMATCH, null, backend.label() + " lacks " + missing
                + ", yet did not refuse with UnsupportedCapabilityException naming it: "
                + (run.failure() == null ? "the scenario ran through" : run.failure().lines().findFirst().orElse("")),
                null, run);
    }

    /** Compares a run with the scenario's Linux observations and consults the list. */
    static Verdict judge(Scenario scenario, Backend backend, Runner.Run run, Optional<KnownMismatches.Entry> known) {
        Optional<String> difference = firstDifference(scenario.expected(), run.observations());
        Status status;
        if (difference.isEmpty()) {
            status = known.isPresent() ? Status.FIXED_BUT_LISTED : Status.PASS;
        } else {
            status = known.isPresent() ? Status.KNOWN_MISMATCH : Status.NEW_MISMATCH;
        }
        return new Verdict(backend, status, known.map(KnownMismatches.Entry::difference).orElse(null),
                difference.orElse(null), known.orElse(null), run);
    }

    /** "observation 3: expected «connect = -1 EALREADY», got «connect = 0»", or empty when the lists agree. */
    static Optional<String> firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e == null || !e.equals(a)) {
                return Optional.of("observation " + (i + 1) + ": expected " + shown(e) + ", got " + shown(a));
            }
        }
        return Optional.empty();
    }

    private static String shown(String line) {
        return line == null ? "nothing" : "«" + line + "»";
    }

    /** Whether the build may pass with this verdict. */
    boolean acceptable() {
        return status != Status.NEW_MISMATCH && status != Status.FIXED_BUT_LISTED;
    }
}
