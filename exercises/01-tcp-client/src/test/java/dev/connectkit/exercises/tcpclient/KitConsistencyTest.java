package dev.connectkit.exercises.tcpclient;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 01's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<HelloClientTest> {
}
