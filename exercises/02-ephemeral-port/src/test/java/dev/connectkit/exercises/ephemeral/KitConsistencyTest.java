package dev.connectkit.exercises.ephemeral;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 02's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<LocalPortTest> {
}
