package dev.connectkit.exercises.fanout;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 07's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<FanOutTest> {
}
