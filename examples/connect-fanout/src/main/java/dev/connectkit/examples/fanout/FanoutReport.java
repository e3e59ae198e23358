package dev.connectkit.examples.fanout;

import java.util.List;
import java.util.Optional;

/**
 * What a fan-out run measured: per variant, the round with the median answered time; the sequential variant's
 * one short round; and why the C reference is missing, if it is.
 *
 * @param settings   what ran
 * @param variants   one median round per timed variant, the C reference first when it ran
 * @param sequential the sequential variant, on {@link Settings#SEQUENTIAL_COUNT} connections at most
 * @param whyNoC     why there is no C reference (no C compiler), if there is none
 */
public record FanoutReport(Settings settings, List<Outcomes> variants, Outcomes sequential, Optional<String> whyNoC) {

    /** The C reference's median round, if it ran. */
    public Optional<Outcomes> c() {
        return variants.stream().filter(o -> o.variant().equals(Variants.C_EPOLL)).findFirst();
    }

    /** {@code o}'s answered time as a ratio to C's (the headline, without the floor); NaN without C. */
    public double answeredRatio(Outcomes o) {
        return c().map(c -> o.answered().toNanos() / (double) c.answered().toNanos()).orElse(Double.NaN);
    }

    /** {@code o}'s wall time as a ratio to C's (with the floor); NaN without C. */
    public double wallRatio(Outcomes o) {
        return c().map(c -> o.wall().toNanos() / (double) c.wall().toNanos()).orElse(Double.NaN);
    }
}
