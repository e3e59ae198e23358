package dev.connectkit.exercises.eintr;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 06's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<PatientConnectTest> {
}
