package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.run.CodeCheck;
import dev.connectkit.exercises.tools.run.Compilation;
import dev.connectkit.exercises.tools.run.Toolchain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the code check refuses in a student's classes, and what it lets through. */
@DisplayName("the code check")
@Timeout(60)
class CodeCheckTest {
    @TempDir
    Path dir;

    private List<CodeCheck.Finding> check(String body) throws IOException {
        return check("p", "Student", "package p;\npublic final class Student {\n" + body + "\n}\n");
    }

    private List<CodeCheck.Finding> check(String pkg, String name, String source) throws IOException {
        return check(Set.of("p"), pkg, name, source);
    }

    /** Compiles one student class of package {@code pkg} and checks it for an exercise whose tests are in {@code packages}. */
    private List<CodeCheck.Finding> check(Set<String> packages, String pkg, String name, String source) throws IOException {
        Path src = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = dir.resolve("classes");
        List<Compilation.CompileError> errors = Compilation.compile(Compilation.sources(dir.resolve("src")),
                Toolchain.current().student(), classes, Locale.ROOT);
        assertThat(errors).as("the snippet compiles").isEmpty();
        return CodeCheck.check(classes, packages, Set.of("p.StudentTest", "p.Helper"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "static void f() { System.exit(1); }                                      | EXIT       | System.exit",
            "static void f() { Runtime.getRuntime().halt(1); }                        | EXIT       | Runtime.halt",
            "static java.util.function.IntConsumer f() { return System::exit; }        | EXIT       | System.exit",
            "static void f() throws Exception { new ProcessBuilder(\"ls\").start(); } | PROCESS    | ProcessBuilder",
            "static Object f() throws Exception { return Class.forName(\"x\"); }       | REFLECTION | Class.forName",
            "static Object f() throws Exception { return String.class.getDeclaredFields(); } | REFLECTION | getDeclaredFields",
            "static Object f() throws Exception { return java.lang.invoke.MethodHandles.lookup(); } | REFLECTION | MethodHandles.lookup",
            "static void f() { System.setOut(null); }                                 | JVM_STATE  | System.setOut",
            "static void f() { System.setProperty(\"connectkit.native\", \"unavailable\"); } | JVM_STATE | System.setProperty",
            "static Object f() { return java.io.FileDescriptor.out; }                 | JVM_STATE  | FileDescriptor.out",
            "static void f() { Runtime.getRuntime().addShutdownHook(new Thread()); }  | JVM_STATE  | addShutdownHook",
            "static Object f() { return java.lang.foreign.Linker.nativeLinker(); }    | NATIVE     | Linker.nativeLinker",
    })
    @DisplayName("refuses the calls that let code decide its own result, with the line")
    void refuses(String body, CodeCheck.Rule rule, String what) throws IOException {
        List<CodeCheck.Finding> findings = check(body);
        assertThat(findings).as(body).anyMatch(f -> f.rule() == rule && f.what().contains(what)
                && f.source().equals("p/Student.java") && f.line() == 3);
    }

    @Test
    @DisplayName("refuses a class outside the exercise's package, and one named like a test class")
    void shadowing() throws IOException {
        assertThat(check("dev.connectkit.lab", "Loopback", "package dev.connectkit.lab;\npublic class Loopback {}\n"))
                .anyMatch(f -> f.rule() == CodeCheck.Rule.SHADOW && f.what().equals("dev.connectkit.lab.Loopback"));
        assertThat(check("p", "Helper", "package p;\nclass Helper {}\n"))
                .anyMatch(f -> f.rule() == CodeCheck.Rule.SHADOW && f.what().equals("p.Helper"));
    }

    @Test
    @DisplayName("refuses a class that would stand in for one of the testkit's, which every exercise's tests use")
    void testkitShadowing() throws IOException {
        Set<String> exercise = Set.of("dev.connectkit.exercises.timeout");
        assertThat(check(exercise, "dev.connectkit.exercises.timeout", "TimedConnect",
                "package dev.connectkit.exercises.timeout;\npublic final class TimedConnect {}\n"))
                .as("the student's own class, in the exercise's package").isEmpty();
        assertThat(check(exercise, "dev.connectkit.exercises.testkit", "Calls",
                "package dev.connectkit.exercises.testkit;\npublic final class Calls {}\n"))
                .containsExactly(new CodeCheck.Finding("dev/connectkit/exercises/testkit/Calls.java", 0,
                        CodeCheck.Rule.SHADOW, "dev.connectkit.exercises.testkit.Calls"));
    }

    @Test
    @DisplayName("lets ordinary code through: lambdas, records, string concatenation, switches, threads, channels")
    void ordinaryCode() throws IOException {
        assertThat(check("""
                    record Pair(int a, String b) { }
                    sealed interface Shape permits Circle, Square { }
                    record Circle(double r) implements Shape { }
                    record Square(double s) implements Shape { }
                    static double area(Shape s) {
                        return switch (s) { case Circle c -> Math.PI * c.r() * c.r(); case Square q -> q.s() * q.s(); };
                    }
                    static String f(java.util.List<Integer> xs) throws Exception {
                        Runnable r = () -> { };
                        Thread t = Thread.ofVirtual().start(r);
                        t.join();
                        try (var selector = java.nio.channels.Selector.open()) {
                            selector.selectNow();
                        }
                        return xs.stream().map(x -> "n=" + x + new Pair(x, "y")).reduce("", String::concat)
                                + String.format("%d", xs.size()) + Enum.valueOf(java.time.DayOfWeek.class, "MONDAY");
                    }
                """)).isEmpty();
    }
}
