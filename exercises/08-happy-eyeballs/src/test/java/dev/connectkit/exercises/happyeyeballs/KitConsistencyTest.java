package dev.connectkit.exercises.happyeyeballs;

import dev.connectkit.exercises.testkit.KitConsistency;

/** Exercise 08's own files agree with each other: messages, test names, tasks, hints (tag kit, not graded). */
class KitConsistencyTest extends KitConsistency<HappyEyeballsTest> {
}
