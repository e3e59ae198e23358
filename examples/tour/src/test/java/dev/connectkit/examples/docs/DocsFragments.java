package dev.connectkit.examples.docs;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.runner.Text;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.tour.Catalogue;
import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The docs' and the README's view of the catalogue, rendered from the descriptors and the exercises'
 * properties: the example pages, the examples table, the statement cross-links, the README's table. Nothing here
 * is typed by hand but the words of the column headings (in {@code Docs.properties}).
 */
final class DocsFragments {
    /** The repository, seen from the module's folder, where Maven runs the tests. */
    static final Path REPOSITORY = Path.of("../..");

    private final Catalogue catalogue;
    private final Exercises exercises;

    DocsFragments(Catalogue catalogue, Exercises exercises) {
        this.catalogue = catalogue;
        this.exercises = exercises;
    }

    static DocsFragments load() {
        return new DocsFragments(Catalogue.load(), Exercises.in(REPOSITORY.resolve("exercises")));
    }

    private static ResourceBundle words(Language language) {
        return ResourceBundle.getBundle("dev.connectkit.examples.docs.Docs", language.bundleLocale());
    }

    /** The file suffix of a language's fragment: "" for English, ".zh" for Chinese. */
    static String suffix(Language language) {
        return language == Language.EN ? "" : "." + language.tag();
    }

    /** An example's summary in {@code language}; an example of another module reads the current language. */
    static String summary(Example example, Language language) {
        return inLanguage(language, () -> example.summary(language));
    }

    /** Runs {@code body} with {@code language} as the current language, as {@code --lang} would set it. */
    static <T> T inLanguage(Language language, Supplier<T> body) {
        String previous = System.getProperty(Language.PROPERTY);
        System.setProperty(Language.PROPERTY, language.tag());
        try {
            return body.get();
        } finally {
            if (previous == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, previous);
            }
        }
    }

    /** Where an example's source is, from the repository's root. */
    static String sourceOf(Example example) {
        String file = "src/main/java/" + example.getClass().getName().replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(REPOSITORY.resolve("examples"))) {
            return modules.filter(m -> Files.isRegularFile(m.resolve(file))).findFirst()
                    .map(m -> "examples/" + m.getFileName() + "/" + file)
                    .orElseThrow(() -> new IllegalStateException("no source for " + example.getClass().getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xrefs(List<Statement> statements) {
        return statements.stream().map(s -> "xref:statements.adoc#" + s.id() + "[" + s.id() + "]")
                .collect(Collectors.joining(", "));
    }

    private static String exerciseLinks(List<Exercises.Exercise> list) {
        return list.isEmpty() ? "–" : list.stream()
                .map(e -> "xref:exercises.adoc[" + e.number() + "]").collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The examples table of the docs' examples page. */
    String examplesTable(Language language) {
        ResourceBundle w = words(language);
        StringBuilder out = new StringBuilder("// " + w.getString("generated") + "\n");
        out.append("[cols=\"2,6,2,2\",options=\"header\"]\n|===\n");
        out.append("|").append(w.getString("column.example")).append(" |").append(w.getString("column.shows"))
                .append(" |").append(w.getString("column.statements")).append(" |")
                .append(w.getString("column.exercises")).append("\n");
        for (Example e : catalogue.tour()) {
            out.append("|xref:example-").append(e.name()).append(".adoc[").append(e.name()).append("] |")
                    .append(cell(summary(e, language))).append(" |").append(xrefs(e.statements())).append(" |")
                    .append(exerciseLinks(exercises.onAnyOf(e.statements()))).append("\n");
        }
        for (Example e : catalogue.others()) {
            // Chinese puts no space before its full-width parenthesis.
            out.append("|`").append(e.name()).append("` |").append(cell(summary(e, language)))
                    .append(language == Language.ZH ? "" : " ").append(w.getString("benchmark")).append(" |– |–\n");
        }
        return out.append("|===\n").toString();
    }

    /** The body of an example's page: what it shows, how to run it, its code by region, its real output. */
    String examplePage(Example example, Language language) {
        ResourceBundle w = words(language);
        Descriptor descriptor = Descriptor.of(example.getClass().getPackageName());
        Text text = descriptor.text(language);
        String source = "{examples}/" + sourceOf(example).substring("examples/".length());
        StringBuilder out = new StringBuilder("// " + w.getString("generated") + "\n");
        out.append(text.get("usage.description")).append("\n\n");
        out.append(w.getString("line.statements")).append(" ").append(xrefs(example.statements())).append(". ");
        out.append(w.getString("line.exercises")).append(" ")
                .append(exerciseLinks(exercises.onAnyOf(example.statements()))).append(".\n\n");
        out.append("[source,sh]\n----\n./connectkit ").append(example.name()).append("\n./connectkit ")
                .append(example.name()).append(" --simulated\n./connectkit ").append(example.name())
                .append(" --help\n----\n");
        for (String region : descriptor.regions()) {
            out.append("\n[#").append(example.name()).append('-').append(region).append("]\n== ")
                    .append(text.get("region." + region)).append("\n\n[source,java,indent=0]\n----\ninclude::")
                    .append(source).append("[tags=").append(region).append("]\n----\n");
        }
        if (example.name().equals("tcp-client")) {
            out.append("\n[#tcp-client-side-by-side]\n== ").append(w.getString("heading.sideBySide")).append("\n\n")
                    .append("include::{outputs}/tcp-client-side-by-side").append(suffix(language)).append(".adoc[]\n");
        }
        String output = "{outputs}/" + example.name();
        out.append("\n[#").append(example.name()).append("-output]\n== ").append(w.getString("heading.outputs"))
                .append("\n\n").append(w.getString("outputs.kernel")).append("\n\n....\ninclude::").append(output)
                .append(suffix(language)).append(".txt[]\n....\n\n.").append(w.getString("outputs.simulated"))
                .append("\n[%collapsible]\n====\n....\ninclude::").append(output).append("-simulated")
                .append(suffix(language)).append(".txt[]\n....\n====\n");
        return out.toString();
    }

    /** Each statement of the man page beside the examples and exercises that show it. */
    String statementLinks(Language language) {
        ResourceBundle w = words(language);
        StringBuilder out = new StringBuilder("// " + w.getString("generated") + "\n");
        out.append("[cols=\"1,5,3,2\",options=\"header\"]\n|===\n|").append(w.getString("column.statement"))
                .append(" |").append(w.getString("column.says")).append(" |").append(w.getString("column.example"))
                .append(" |").append(w.getString("column.exercisesShort")).append("\n");
        Function<Statement, String> says = language == Language.ZH ? Statement::zh : Statement::en;
        for (Statement s : Statement.values()) {
            String examples = catalogue.tour().stream().filter(e -> e.statements().contains(s))
                    .map(e -> "xref:example-" + e.name() + ".adoc[" + e.name() + "]").collect(Collectors.joining(", "));
            out.append("|xref:statements.adoc#").append(s.id()).append("[").append(s.id()).append("] |")
                    .append(cell(says.apply(s))).append(" |").append(examples.isEmpty() ? "–" : examples).append(" |")
                    .append(exerciseLinks(exercises.on(s))).append("\n");
        }
        return out.append("|===\n").toString();
    }

    /**
     * The exercises page's table: each exercise's number and title, the statements it practises (linked), its level,
     * and the command that tests it, from {@code exercises/NN-name/exercise.properties}.
     */
    String exercisesTable(Language language) {
        ResourceBundle w = words(language);
        StringBuilder out = new StringBuilder("// " + w.getString("generated") + "\n");
        out.append("[cols=\"5,2,1,2\",options=\"header\"]\n|===\n|").append(w.getString("column.exercise"))
                .append(" |").append(w.getString("column.statements")).append(" |").append(w.getString("column.level"))
                .append(" |").append(w.getString("column.test")).append("\n");
        for (Exercises.Exercise e : exercises.all()) {
            out.append("|").append(e.number()).append(" ").append(cell(e.title(language))).append(" |")
                    .append(e.statements().stream().map(st -> "xref:statements.adoc#" + st.id() + "[" + st.id() + "]")
                            .collect(Collectors.joining(", ")))
                    .append(" |").append(w.getString("level." + e.level().replace(' ', '-')))
                    .append(" |`./connectkit test ").append(e.number()).append("`\n");
        }
        return out.append("|===\n").toString();
    }

    /**
     * The whole docs page of an example in {@code language}: its title, its description (the descriptor's summary),
     * the site's navigation and the generated body. The docs build places it beside the hand-written pages, so a new
     * example needs no page of its own in docs/.
     */
    String examplePageSource(Example example, Language language) {
        ResourceBundle w = words(language);
        return "= " + w.getString("page.title") + example.name() + "\n"
                + ":description: " + summary(example, language).replace("\n", " ") + "\n\n"
                + "include::_nav.adoc[]\n\n"
                + "// " + w.getString("generated") + "\n"
                + "include::{outputs}/example-" + example.name() + suffix(language) + ".adoc[]\n";
    }

    /** The book's chapters for the examples, in the catalogue's order: an include per example page. */
    String examplesBook(Language language) {
        StringBuilder out = new StringBuilder("// " + words(language).getString("generated") + "\n");
        for (Example e : catalogue.tour()) {
            out.append("\ninclude::{docdir}/example-").append(e.name()).append(".adoc[leveloffset=+1]\n");
        }
        return out.toString();
    }

    /** The README's table of the examples, in Markdown, with links into the repository. */
    String readmeTable(Language language) {
        ResourceBundle w = words(language);
        StringBuilder out = new StringBuilder("<!-- " + w.getString("generated") + " -->\n");
        out.append("| ").append(w.getString("column.example")).append(" | ").append(w.getString("column.shows"))
                .append(" | ").append(w.getString("column.statements")).append(" | ").append(w.getString("column.run"))
                .append(" |\n|---|---|---|---|\n");
        for (Example e : catalogue.all()) {
            boolean benchmark = catalogue.others().contains(e);
            out.append("| [`").append(e.name()).append("`](").append(sourceOf(e)).append(") | ")
                    .append(summary(e, language).replace("|", "\\|")).append(benchmark ? " " + w.getString("benchmark") : "")
                    .append(" | ").append(e.statements().stream().map(Statement::id).collect(Collectors.joining(", ")))
                    .append(" | `./connectkit ").append(e.name()).append("` |\n");
        }
        return out.toString();
    }

    /** The catalogue as data: one object per example, for any other reader (a README check, a site). */
    List<Entry> entries() {
        return catalogue.all().stream().map(e -> new Entry(e.name(), catalogue.tour().contains(e),
                summary(e, Language.EN), summary(e, Language.ZH),
                e.statements().stream().map(Statement::id).toList(), e.usage(), sourceOf(e),
                exercises.onAnyOf(e.statements()).stream().map(Exercises.Exercise::folder).toList())).toList();
    }

    /** One example in {@code catalogue.json}. */
    record Entry(String name, boolean tour, String summaryEn, String summaryZh, List<String> statements,
                 String options, String source, List<String> exercises) {
    }

    /** Every example of the tour, for the per-page fragments. */
    List<Example> tour() {
        return catalogue.tour();
    }
}
