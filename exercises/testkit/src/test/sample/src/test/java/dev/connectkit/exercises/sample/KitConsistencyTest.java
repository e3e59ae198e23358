package dev.connectkit.exercises.sample;

import dev.connectkit.exercises.testkit.KitConsistency;

/** The sample's own files agree with each other, as every exercise's do. */
class KitConsistencyTest extends KitConsistency<SampleTest> {
}
