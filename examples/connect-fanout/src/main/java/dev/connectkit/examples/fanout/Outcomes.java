package dev.connectkit.examples.fanout;

import java.time.Duration;

/** What one variant did: how many connections were made, refused and timed out, and how long it took. */
record Outcomes(String variant, int connected, int refused, int timedOut, Duration wall, String note) {

    int total() {
        return connected + refused + timedOut;
    }

    double perSecond() {
        return total() / Math.max(1e-9, wall.toNanos() / 1e9);
    }

    boolean matches(int[] expected) {
        return connected == expected[0] && refused == expected[1] && timedOut == expected[2];
    }
}
