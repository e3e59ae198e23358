package dev.connectkit.exercises.tools;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What surefire's XML reports say about one exercise's tests, grouped by task. */
record TestResults(List<Case> cases) {

    /** One test: its task (from the nested class {@code TaskN}), name, and whether it passed. */
    record Case(int task, String name, Status status, String message) {
    }

    enum Status { PASSED, FAILED, SKIPPED }

    private static final Pattern TASK = Pattern.compile("\\$Task(\\d+)");

    /** The results in {@code reports}, or none when the folder does not exist (the tests never ran). */
    static TestResults read(Path reports) throws Exception {
        List<Case> cases = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return new TestResults(cases);
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path xml : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                NodeList testcases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                        .getElementsByTagName("testcase");
                for (int i = 0; i < testcases.getLength(); i++) {
                    Element tc = (Element) testcases.item(i);
                    Matcher m = TASK.matcher(tc.getAttribute("classname"));
                    int task = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    Status status = Status.PASSED;
                    String message = "";
                    for (String kind : List.of("failure", "error")) {
                        NodeList problem = tc.getElementsByTagName(kind);
                        if (problem.getLength() > 0) {
                            status = Status.FAILED;
                            message = ((Element) problem.item(0)).getAttribute("message");
                        }
                    }
                    if (tc.getElementsByTagName("skipped").getLength() > 0) {
                        status = Status.SKIPPED;
                    }
                    cases.add(new Case(task, tc.getAttribute("name"), status, message));
                }
            }
        }
        return new TestResults(cases);
    }

    boolean ran() {
        return !cases.isEmpty();
    }

    boolean allPassed() {
        return ran() && cases.stream().noneMatch(c -> c.status() == Status.FAILED);
    }

    List<Integer> tasks() {
        return cases.stream().map(Case::task).distinct().sorted().toList();
    }

    List<Case> ofTask(int task) {
        return cases.stream().filter(c -> c.task() == task).toList();
    }

    /** The first failing test, for the progress line. */
    java.util.Optional<Case> firstFailure() {
        return cases.stream().filter(c -> c.status() == Status.FAILED)
                .min(java.util.Comparator.comparingInt(Case::task));
    }
}
