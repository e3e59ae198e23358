package dev.connectkit.exercises.sample;

import dev.connectkit.exercises.testkit.Messages;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.connectkit.exercises.testkit.Messages.say;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample exercise's graded tests: two tasks, each saying a message from the sample's own bundle. */
@DisplayNameGeneration(Messages.Names.class)
class SampleTest {
    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void greets() {
            assertThat(say("task1.greeting")).isIn("hello", "你好");
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void saysGoodbye() {
            assertThat(say("task2.farewell", "Bob")).isIn("goodbye, Bob", "再见，Bob");
        }
    }
}
