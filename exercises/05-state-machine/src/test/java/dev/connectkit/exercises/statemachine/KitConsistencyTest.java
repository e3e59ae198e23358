package dev.connectkit.exercises.statemachine;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 05's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<ConnectLoopTest> {
}
