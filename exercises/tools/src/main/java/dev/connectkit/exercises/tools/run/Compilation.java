package dev.connectkit.exercises.tools.run;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * javac, in this JVM (javax.tools): compiles a folder of Java sources into a folder of classes, and returns the
 * errors with their file, line and source line. Annotation processing is off, so compiling a student's code
 * runs none of it.
 */
public final class Compilation {
    private Compilation() {
    }

    /** The most source a student's code may have: the stubs are a few KiB. */
    public static final long MAX_SOURCE_BYTES = 1 << 20;

    /** One javac error: where, what, and the line it points into. */
    public record CompileError(Path file, long line, long column, String message, String sourceLine) {
    }

    /** The {@code .java} files under {@code root}, sorted; none when the folder is missing. */
    public static List<Path> sources(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    /**
     * Compiles {@code sources} against {@code classpath} into {@code out} (emptied first); returns the errors,
     * none when it compiled. Messages are in {@code locale} where javac has them.
     */
    public static List<CompileError> compile(List<Path> sources, List<Path> classpath, Path out, Locale locale)
            throws IOException {
        Files.createDirectories(out);
        Folders.empty(out);
        if (sources.isEmpty()) {
            return List.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException(dev.connectkit.exercises.tools.i18n.Msg.ERR_NO_COMPILER.text());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, locale, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", out.toString(), "-classpath", Toolchain.join(classpath),
                    "-encoding", "UTF-8", "-proc:none", "-implicit:none", "-g:source,lines", "-nowarn",
                    "-Xlint:none", "-Xmaxerrs", "20");
            StringWriter noise = new StringWriter();
            Boolean ok = javac.getTask(noise, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<CompileError> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(error(d, locale));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add(new CompileError(null, 0, 0, noise.toString().strip(), ""));
            }
            return errors;
        }
    }

    private static CompileError error(Diagnostic<? extends JavaFileObject> d, Locale locale) {
        Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
        String sourceLine = "";
        if (file != null && d.getLineNumber() > 0) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                sourceLine = lines.skip(d.getLineNumber() - 1).findFirst().orElse("");
            } catch (IOException | java.io.UncheckedIOException e) {
                sourceLine = "";
            }
        }
        String message = d.getMessage(locale);
        return new CompileError(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
                message == null ? "" : message, sourceLine);
    }
}
