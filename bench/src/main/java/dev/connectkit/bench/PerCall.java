package dev.connectkit.bench;

/**
 * One layer's cost of a blocking loopback connect() + close(), as JMH sampled it (SampleTime: the time of
 * individual calls). The median is the headline: on a shared machine a few calls wait for a descheduled peer or a
 * lost SYN, and those few move the mean far more than the typical call.
 *
 * @param layer  the benchmark's name in the tables
 * @param median the median time of one call, microseconds
 * @param mean   the mean time of one call, microseconds
 */
record PerCall(String layer, double median, double mean) {
}
