package dev.connectkit.internal.sim;

/**
 * A set of the 65,536 port numbers in two levels: a bit per port, and per 64-port word a summary bit saying
 * whether the word has any member and whether it is full. Finding the next member or non-member in a range
 * reads at most one word, 16 summary words and one more word: O(1) whatever the range, where a plain bit set
 * (or a loop over the ports) would read the whole range once the ports run out.
 */
final class PortBitmap {
    private static final int PORTS = 1 << 16;
    private static final int WORDS = PORTS / 64;
    private static final int SUMMARY = WORDS / 64;

    private final long[] words = new long[WORDS];
    /** Bit w: word w has at least one member. */
    private final long[] any = new long[SUMMARY];
    /** Bit w: word w is full. */
    private final long[] full = new long[SUMMARY];

    boolean contains(int port) {
        return (words[port >>> 6] & (1L << port)) != 0;
    }

    void add(int port) {
        int w = port >>> 6;
        words[w] |= 1L << port;
        summarize(w);
    }

    void remove(int port) {
        int w = port >>> 6;
        words[w] &= ~(1L << port);
        summarize(w);
    }

    /** The first member in {@code [from, to]}, or -1. */
    int nextMember(int from, int to) {
        return next(from, to, true);
    }

    /** The first non-member in {@code [from, to]}, or -1. */
    int nextNonMember(int from, int to) {
        return next(from, to, false);
    }

    /** The first member (or non-member) at or after {@code start} in {@code [low, high]}, wrapping around; or -1. */
    int nextWrapping(int start, int low, int high, boolean member) {
        int found = next(Math.max(start, low), high, member);
        if (found < 0 && start > low) {
            found = next(low, Math.min(start - 1, high), member);
        }
        return found;
    }

    private void summarize(int w) {
        int s = w >>> 6;
        long bit = 1L << w;
        any[s] = words[w] != 0 ? any[s] | bit : any[s] & ~bit;
        full[s] = words[w] == -1L ? full[s] | bit : full[s] & ~bit;
    }

    private int next(int from, int to, boolean member) {
        if (from > to) {
            return -1;
        }
        int w = from >>> 6;
        long candidates = (member ? words[w] : ~words[w]) & (-1L << from);
        if (candidates == 0) {
            w = nextWord(w + 1, to >>> 6, member);
            if (w < 0) {
                return -1;
            }
            candidates = member ? words[w] : ~words[w];
        }
        int port = (w << 6) + Long.numberOfTrailingZeros(candidates);
        return port <= to ? port : -1;
    }

    /** The first word in {@code [fromWord, toWord]} that has a member (or a non-member), or -1. */
    private int nextWord(int fromWord, int toWord, boolean member) {
        for (int s = fromWord >>> 6; s <= toWord >>> 6 && s < SUMMARY; s++) {
            long bits = (member ? any[s] : ~full[s]);
            if (s == fromWord >>> 6) {
                bits &= -1L << fromWord;
            }
            if (bits != 0) {
                int w = (s << 6) + Long.numberOfTrailingZeros(bits);
                return w <= toWord ? w : -1;
            }
        }
        return -1;
    }
}
