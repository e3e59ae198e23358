package dev.connectkit.exercises.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The student handout: the kit without reference solutions, without the gate that needs them, and with the
 * exercises in student mode (their tests fail until solved), plus a manifest of the pristine test files for
 * grading. It takes the files git tracks, so nothing built or local leaks into it. The result is a folder;
 * {@code ./connectkit handout} packs it with tar, which keeps the executable bits of the scripts.
 */
final class Handout {
    private Handout() {
    }

    /** Paths that would reveal the answers: every solution folder and the gate. */
    static final Pattern LEFT_OUT = Pattern.compile("^exercises/[^/]+/solution/.*|^exercises/gate/.*|^\\.ci/.*");

    static void build(Path kit, List<String> trackedFiles, Path target) throws Exception {
        if (Files.exists(target)) {
            throw new IOException(target + " already exists: the handout is built into an empty place");
        }
        List<String> manifest = new ArrayList<>();
        for (String path : trackedFiles) {
            if (LEFT_OUT.matcher(path).matches()) {
                continue;
            }
            Path source = kit.resolve(path);
            Path copy = target.resolve(path);
            Files.createDirectories(copy.getParent());
            if (path.equals("exercises/pom.xml")) {
                Files.writeString(copy, studentExercisesPom(Files.readString(source)));
            } else {
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (path.matches("exercises/[^/]+/src/test/.*")) {
                manifest.add(Grade.sha256(source) + "  " + path.substring("exercises/".length()));
            }
        }
        Files.writeString(target.resolve(".mvn/maven.config"), "-Dconnectkit.exercises=student\n",
                StandardCharsets.UTF_8);
        Path workflow = target.resolve(".github/workflows/classroom.yml");
        Files.createDirectories(workflow.getParent());
        Files.copy(kit.resolve("exercises/classroom/classroom.yml"), workflow);
        Files.write(target.resolve("exercises").resolve(Grade.MANIFEST), manifest);
    }

    /** The exercises' reactor without the solution and gate modules. */
    static String studentExercisesPom(String pom) {
        return pom.replaceAll("(?m)^\\s*<module>[^<]*/solution</module>\\R", "")
                .replaceAll("(?m)^\\s*<module>gate</module>\\R", "");
    }

    /** The files git tracks in {@code kit}. */
    static List<String> tracked(Path kit) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", kit.toString(), "ls-files").redirectErrorStream(true).start();
        List<String> files;
        try (Stream<String> lines = git.inputReader().lines()) {
            files = lines.toList();
        }
        if (git.waitFor() != 0) {
            throw new IOException("git ls-files failed in " + kit + ": " + files);
        }
        return files.stream().filter(f -> Files.isRegularFile(kit.resolve(f))).toList();
    }
}
