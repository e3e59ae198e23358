package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Text;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.examples.support.Example;
import dev.connectkit.i18n.Language;
import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.javamap.Translation;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.ConnectErrors.Backend;
import dev.connectkit.posix.ConnectErrors.Elsewhere;
import dev.connectkit.posix.ConnectErrors.Row;
import dev.connectkit.posix.Errno;
import dev.connectkit.trace.Tracer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code connectkit explain ERRNO} prints for one errno, in one language, from the data the docs use: the
 * meaning ({@link Errno}, both languages), POSIX's class and the kernel's case ({@link ConnectErrors}), the other
 * backends with the same case, the Java exception ({@link JavaErrors}), the statements the trace marks
 * ({@link Tracer#statementsOf(Errno)}), and where to see it: the examples whose run shows it (their descriptors'
 * {@code errnos}, which the examples' tests check against the runs) and the exercises that practise one of its
 * statements or name it in their title.
 */
final class Explanation {
    private final Errno errno;
    private final Text text;
    private final Language language;

    Explanation(Errno errno, Text text) {
        this.errno = errno;
        this.text = text;
        this.language = text.language();
    }

    /** The lines, each without its line break. */
    List<String> lines(Catalogue catalogue, Optional<KitExercises> exercises) {
        List<String> lines = new ArrayList<>();
        meaning(lines);
        lines.add("");
        linux(lines);
        lines.add("");
        backends(lines);
        lines.add("");
        java(lines);
        lines.add("");
        List<Statement> statements = Tracer.statementsOf(errno);
        statements(statements, lines);
        lines.add("");
        where(statements, catalogue, exercises, lines);
        return lines;
    }

    private void meaning(List<String> lines) {
        lines.add(errno.number() == errno.linuxNumber()
                ? text.get("heading", errno.name(), errno.linuxNumber(), errno.meaning(language))
                : text.get("heading.here", errno.name(), errno.linuxNumber(), errno.number(), errno.meaning(language)));
        Language other = language == Language.EN ? Language.ZH : Language.EN;
        lines.add("  " + text.get("meaning.other", errno.meaning(other)));
    }

    private void linux(List<String> lines) {
        lines.add(text.get("section.linux"));
        lines.add("  " + text.get("line.posix", text.get("posix." + ConnectErrors.posix(errno))));
        if (!errno.sources().isEmpty()) {
            lines.add("  " + text.get("line.listedBy", errno.sources().stream()
                    .map(s -> text.get("source." + s)).collect(Collectors.joining(text.get("list.separator")))));
        }
        lines.add("  " + text.get("line.when", ConnectErrors.whenConnect(errno, language)));
        ConnectErrors.row(errno).ifPresent(row -> lines.add("  " + (row.produced()
                ? text.get("line.produced", row.linux(language))
                : text.get("line.notProduced", row.linux(language)))));
    }

    private void backends(List<String> lines) {
        lines.add(text.get("section.backends"));
        Optional<Row> row = ConnectErrors.row(errno);
        if (row.isEmpty()) {
            lines.add("  " + text.get("backends.none"));
            return;
        }
        for (Backend backend : Backend.values()) {
            String name = text.get("backend." + backend.label());
            switch (row.get().on(backend)) {
                case Elsewhere.Same ignored -> lines.add("  " + text.get("outcome.same", name));
                case Elsewhere.Lacks(Capability c) -> {
                    lines.add("  " + text.get("outcome.lacks", name, c.name(), ConnectErrors.what(c, language)));
                    lines.add("    " + text.get("outcome.why", ConnectErrors.reason(backend, c, language)));
                }
                case Elsewhere.CannotSetUp ignored -> lines.add("  " + text.get("outcome.cannot", name,
                        row.get().sentence(backend, language)));
                case Elsewhere.OwnCase ignored -> lines.add("  " + text.get("outcome.own", name,
                        row.get().sentence(backend, language)));
                case Elsewhere.NoCase ignored -> lines.add("  " + text.get("outcome.noCase", name));
                case Elsewhere.AsTheKernel ignored -> lines.add("  " + text.get("outcome.asTheKernel", name));
            }
        }
    }

    private void java(List<String> lines) {
        lines.add(text.get("section.java"));
        Translation t = JavaErrors.of(errno);
        String side = JavaErrors.javaSide(errno, language);
        if (t.exception() == null) {
            lines.add("  " + text.get("java.none", side));
        } else if (t.messagePrefix().isEmpty()) {
            lines.add("  " + text.get("java.exception", t.exception().getName(), side));
        } else {
            lines.add("  " + text.get("java.withMessage", t.exception().getName(), t.messagePrefix(), side));
        }
    }

    private void statements(List<Statement> statements, List<String> lines) {
        lines.add(text.get("section.statements"));
        if (statements.isEmpty()) {
            lines.add("  " + text.get("statements.none", errno.name()));
        }
        for (Statement s : statements) {
            // The seed's own words in Chinese; in English, what POSIX requires.
            lines.add("  " + text.get("statement", s.id(), language == Language.ZH ? s.zh() : s.en()));
        }
    }

    private void where(List<Statement> statements, Catalogue catalogue, Optional<KitExercises> exercises,
                       List<String> lines) {
        lines.add(text.get("section.where"));
        int before = lines.size();
        for (Example e : catalogue.tour()) {
            if (e instanceof TracedExample traced && traced.descriptor().errnos().contains(errno)) {
                lines.add("  " + text.get("where.example", "./connectkit " + e.name(), e.summary(language)));
            }
        }
        if (exercises.isEmpty()) {
            lines.add("  " + text.get("where.noExercises"));
            return;
        }
        for (KitExercises.Exercise x : exercises.get().all()) {
            if (x.statements().stream().anyMatch(statements::contains) || namesErrno(x.title())) {
                lines.add("  " + text.get("where.exercise", "exercises/" + x.folder(), x.title(language)));
            }
        }
        if (lines.size() == before) {
            lines.add("  " + text.get("where.none"));
        }
    }

    /** Whether {@code title} names the errno as a word (EISCONN, not the EISCONN in a longer name). */
    private boolean namesErrno(String title) {
        return title.matches(".*(?<![A-Z0-9_])" + errno.name() + "(?![A-Z0-9_]).*");
    }
}
