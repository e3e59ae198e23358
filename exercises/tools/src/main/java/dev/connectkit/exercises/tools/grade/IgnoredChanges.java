package dev.connectkit.exercises.tools.grade;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The files of a submission that differ from the template (changed, added or deleted) where a grade never looks:
 * everything but each exercise's {@code src/main/java}. They are listed, so an instructor sees an attempt to
 * change the tests, the build or the tools, and they change nothing: the grade takes those from the template.
 * Build output ({@code target/}), git's folder and the student loop's own files are not compared.
 */
final class IgnoredChanges {
    private IgnoredChanges() {
    }

    /** More files than this in a submission are not compared one by one. */
    static final int MAX_FILES = 20_000;

    private static final Pattern GRADED = Pattern.compile("exercises/\\d\\d-[^/]+/src/main/java/.*");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules");

    /** The relative paths that differ, sorted; {@code "…"} last when the submission has too many files. */
    static List<String> between(Path template, Path submission) throws IOException {
        Set<String> templateFiles = files(template, null);
        // A template checked out inside the submission (as in the Classroom workflow) is not the student's.
        Set<String> submissionFiles = files(submission, template.toRealPath());
        Set<String> differ = new TreeSet<>();
        for (String f : submissionFiles) {
            if (!templateFiles.contains(f) || !sameBytes(template.resolve(f), submission.resolve(f))) {
                differ.add(f);
            }
        }
        for (String f : templateFiles) {
            if (!submissionFiles.contains(f)) {
                differ.add(f);
            }
        }
        List<String> list = new java.util.ArrayList<>(differ);
        if (submissionFiles.size() >= MAX_FILES) {
            list.add("…");
        }
        return list;
    }

    private static Set<String> files(Path root, Path exclude) throws IOException {
        Set<String> files = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (exclude != null && dir.toRealPath().equals(exclude)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                String rel = root.relativize(dir).toString().replace('\\', '/');
                if (!dir.equals(root) && (SKIPPED_FOLDERS.contains(name) || rel.equals(".connectkit/backups"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return files.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!GRADED.matcher(rel).matches()) {
                    files.add(rel);
                }
                return files.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        if (!Files.isRegularFile(a) || !Files.isRegularFile(b)) {
            return Files.isRegularFile(a) == Files.isRegularFile(b);
        }
        return Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1;
    }
}
