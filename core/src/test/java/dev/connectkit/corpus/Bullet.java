package dev.connectkit.corpus;

import java.util.Arrays;
import java.util.Optional;

/**
 * The known bugs a corpus mismatch is filed under: the bullets of issue 12, section 2, and the differences the
 * corpus found that the issue does not list yet ({@link #inIssue()} false). {@code known-mismatches.txt} names
 * them by {@link #id()}.
 */
enum Bullet {
    // java.nio: issue 12, section 2.
    NIO_POLL_ERR_HUP("nio-poll-err-hup", true,
            "nio: poll() cannot see an error behind unread data: Java has no MSG_PEEK and no SO_ERROR, and reading"
                    + " the data to find the error would change what close() sends (FIN instead of RST)");

    private final String id;
    private final boolean inIssue;
    private final String text;

    Bullet(String id, boolean inIssue, String text) {
        this.id = id;
        this.inIssue = inIssue;
        this.text = text;
    }

    /** The short name {@code known-mismatches.txt} uses. */
    String id() {
        return id;
    }

    /** Whether issue 12 lists this bug; false for a difference the corpus found. */
    boolean inIssue() {
        return inIssue;
    }

    /** The bug in one line. */
    String text() {
        return text;
    }

    static Optional<Bullet> ofId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
