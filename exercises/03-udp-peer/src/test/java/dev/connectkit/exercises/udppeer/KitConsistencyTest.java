package dev.connectkit.exercises.udppeer;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 03's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<PeerSocketTest> {
}
