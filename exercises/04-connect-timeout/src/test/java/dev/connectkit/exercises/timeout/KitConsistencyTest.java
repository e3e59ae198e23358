package dev.connectkit.exercises.timeout;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 04's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<TimedConnectTest> {
}
