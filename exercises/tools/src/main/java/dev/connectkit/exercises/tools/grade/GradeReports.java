package dev.connectkit.exercises.tools.grade;

import dev.connectkit.exercises.tools.i18n.Msg;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A grade written out: a table for a person, one line per student for a folder of submissions, and files for
 * machines: JSON, JUnit XML (any CI shows it), CSV (a spreadsheet), a GitHub Actions job summary (Markdown), and
 * the base64 result GitHub Classroom's grading reporter reads.
 */
public final class GradeReports {
    private GradeReports() {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The table of one submission: per exercise its points, per task its points, and why it lost any. */
    public static void table(Grades.SubmissionGrade g, PrintStream out) {
        out.println(Msg.GRADE_TABLE_TITLE.text(g.submission()));
        for (Grades.ExerciseGrade e : g.exercises()) {
            StringBuilder tasks = new StringBuilder();
            for (Grades.TaskGrade t : e.tasks()) {
                tasks.append(tasks.isEmpty() ? "" : "  ").append(t.task()).append(": ")
                        .append(Grades.format(t.points())).append('/').append(Grades.format(t.max()));
            }
            out.printf("  %-22s %9s   %-30s %s%n", e.exercise(), Grades.format(e.points()) + "/"
                    + Grades.format(e.max()), tasks, e.reason());
        }
        out.printf("  %-22s %9s   (%s%%)%n", Msg.GRADE_TOTAL.text(), Grades.format(g.points()) + "/"
                + Grades.format(g.max()), Grades.format(g.percent()));
        if (!g.ignored().isEmpty()) {
            out.println("  " + Msg.GRADE_IGNORED_KIT.text(g.ignored().size(), String.join(", ",
                    g.ignored().subList(0, Math.min(6, g.ignored().size())))
                    + (g.ignored().size() > 6 ? ", …" : "")));
        }
    }

    /** One line for a submission among many: total, percent, each exercise's points. */
    public static String line(Grades.SubmissionGrade g, int nameWidth) {
        StringBuilder exercises = new StringBuilder();
        for (Grades.ExerciseGrade e : g.exercises()) {
            exercises.append(exercises.isEmpty() ? "" : "  ").append(e.exercise(), 0, 2).append(' ')
                    .append(Grades.format(e.points()));
        }
        return String.format("%-" + nameWidth + "s %10s %6s%%   %s", g.submission(),
                Grades.format(g.points()) + "/" + Grades.format(g.max()), Grades.format(g.percent()), exercises);
    }

    /** Every grade as JSON. */
    public static String json(List<Grades.SubmissionGrade> grades) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode submissions = root.putArray("submissions");
        for (Grades.SubmissionGrade g : grades) {
            submissions.addPOJO(g);
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    /**
     * Every grade as JUnit XML: a test suite per submission and exercise, a test case per expected test, named
     * by its task; a case that did not count carries its reason.
     */
    public static String junitXml(List<Grades.SubmissionGrade> grades) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            for (Grades.SubmissionGrade g : grades) {
                for (Grades.ExerciseGrade e : g.exercises()) {
                    List<Grades.TestGrade> all = e.tasks().stream().flatMap(t -> t.tests().stream()).toList();
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("testsuite");
                    xml.writeAttribute("name", xmlText(g.submission() + "/" + e.exercise()));
                    xml.writeAttribute("tests", String.valueOf(all.size()));
                    xml.writeAttribute("failures", String.valueOf(all.stream().filter(t -> !t.credited()
                            && t.status() != Grades.TestStatus.SKIPPED).count()));
                    xml.writeAttribute("skipped", String.valueOf(all.stream().filter(t -> !t.credited()
                            && t.status() == Grades.TestStatus.SKIPPED).count()));
                    xml.writeAttribute("errors", "0");
                    for (Grades.TaskGrade t : e.tasks()) {
                        for (Grades.TestGrade test : t.tests()) {
                            xml.writeCharacters("\n    ");
                            xml.writeStartElement("testcase");
                            xml.writeAttribute("classname", xmlText(g.submission() + "." + e.exercise()));
                            xml.writeAttribute("name", xmlText("task " + t.task() + ": " + test.name()));
                            if (!test.credited()) {
                                String why = test.message().isEmpty() ? e.reason() : test.message();
                                xml.writeStartElement(test.status() == Grades.TestStatus.SKIPPED ? "skipped" : "failure");
                                xml.writeAttribute("message", xmlText(why.isEmpty() ? e.reason() : why));
                                xml.writeEndElement();
                            }
                            xml.writeEndElement();
                        }
                    }
                    xml.writeCharacters("\n  ");
                    xml.writeEndElement();
                }
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    /** XML 1.0 cannot carry most control characters, whatever the escaping. */
    private static String xmlText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 && c != '\t' || c == 0xfffe || c == 0xffff ? ' ' : c));
        return b.toString();
    }

    /** Every grade as CSV: one row per submission, a column per exercise, the reasons last. */
    public static String csv(List<Grades.SubmissionGrade> grades) {
        StringBuilder out = new StringBuilder();
        List<String> header = new java.util.ArrayList<>(List.of("submission", "points", "max", "percent"));
        if (!grades.isEmpty()) {
            grades.getFirst().exercises().forEach(e -> header.add(e.exercise()));
        }
        header.add("reasons");
        out.append(csvRow(header));
        for (Grades.SubmissionGrade g : grades) {
            List<String> row = new java.util.ArrayList<>(List.of(g.submission(), Grades.format(g.points()),
                    Grades.format(g.max()), Grades.format(g.percent())));
            StringBuilder reasons = new StringBuilder();
            for (Grades.ExerciseGrade e : g.exercises()) {
                row.add(Grades.format(e.points()));
                if (!e.reason().isEmpty()) {
                    reasons.append(reasons.isEmpty() ? "" : " | ").append(e.exercise(), 0, 2).append(": ").append(e.reason());
                }
            }
            row.add(reasons.toString());
            out.append(csvRow(row));
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and no cell a spreadsheet would take for a formula. */
    private static String csvRow(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (String cell : cells) {
            String c = cell.replaceAll("[\\r\\n]+", " ");
            if (!c.isEmpty() && "=+-@\t".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) {
                c = "'" + c;
            }
            if (c.contains(",") || c.contains("\"") || c.contains(";")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            row.append(row.isEmpty() ? "" : ",").append(c);
        }
        return row.append("\r\n").toString();
    }

    /** A GitHub Actions job summary: a Markdown table per submission. */
    public static String summary(List<Grades.SubmissionGrade> grades) {
        StringBuilder md = new StringBuilder();
        for (Grades.SubmissionGrade g : grades) {
            md.append("### ").append(markdown(Msg.GRADE_SUMMARY_TITLE.text(g.submission(), Grades.format(g.points()),
                    Grades.format(g.max()), Grades.format(g.percent())))).append("\n\n");
            md.append("| ").append(Msg.GRADE_COLUMN_EXERCISE.text()).append(" | ").append(Msg.GRADE_COLUMN_POINTS.text())
                    .append(" | ").append(Msg.GRADE_COLUMN_TASKS.text()).append(" | ")
                    .append(Msg.GRADE_COLUMN_REASON.text()).append(" |\n|---|---:|---|---|\n");
            for (Grades.ExerciseGrade e : g.exercises()) {
                StringBuilder tasks = new StringBuilder();
                for (Grades.TaskGrade t : e.tasks()) {
                    tasks.append(tasks.isEmpty() ? "" : ", ").append(t.task()).append(": ")
                            .append(Grades.format(t.points())).append('/').append(Grades.format(t.max()));
                }
                md.append("| ").append(markdown(e.exercise())).append(" | ").append(Grades.format(e.points()))
                        .append('/').append(Grades.format(e.max())).append(" | ").append(tasks).append(" | ")
                        .append(markdown(e.reason())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Text that Markdown shows as text: no table breaks, no HTML, no code spans. */
    private static String markdown(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
                .replaceAll("\\s+", " ");
    }

    /**
     * The result GitHub Classroom's grading reporter ({@code classroom-resources/autograding-grading-reporter})
     * reads from {@code <RUNNER>_RESULTS}: base64 of {@code {version: 1, status, max_score, tests: [...]}}, a
     * test per exercise task with its score.
     */
    public static String classroom(Grades.SubmissionGrade g) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("status", g.points().compareTo(g.max()) == 0 ? "pass" : "fail");
        root.put("max_score", g.max());
        ArrayNode tests = root.putArray("tests");
        for (Grades.ExerciseGrade e : g.exercises()) {
            for (Grades.TaskGrade t : e.tasks()) {
                boolean full = t.points().compareTo(t.max()) == 0;
                ObjectNode test = tests.addObject();
                test.put("name", e.exercise() + " " + (t.name().isEmpty() ? Msg.TASK.text(t.task()) : t.name()));
                test.put("status", full ? "pass" : "fail");
                test.put("score", t.points());
                test.put("max_score", t.max());
                test.put("message", full ? "" : firstProblem(e, t));
                test.put("test_code", "");
                test.put("filename", "");
                test.put("line_no", 0);
                test.put("execution_time", "0");
            }
        }
        return Base64.getEncoder().encodeToString(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    private static String firstProblem(Grades.ExerciseGrade e, Grades.TaskGrade t) {
        return t.tests().stream().filter(x -> !x.credited()).map(x -> x.name() + ": " + x.message()).findFirst()
                .orElse(e.reason());
    }
}
