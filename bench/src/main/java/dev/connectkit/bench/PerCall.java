package dev.connectkit.bench;

/**
 * One layer's cost of a blocking loopback connect() + close(), as JMH measured it.
 *
 * @param layer  the benchmark's name in the tables
 * @param micros the average time per call, microseconds
 * @param error  the half-width of JMH's 99.9% confidence interval, microseconds (NaN with too few iterations)
 */
record PerCall(String layer, double micros, double error) {
}
