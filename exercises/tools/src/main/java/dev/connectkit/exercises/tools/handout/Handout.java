package dev.connectkit.exercises.tools.handout;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.Pristine;
import dev.connectkit.exercises.tools.run.Folders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The student handout: the kit as git tracks it, without what gives answers away or belongs to the instructor,
 * and with what a student needs instead.
 *
 * <p>Left out: every reference solution and the gate that runs them; the connect-fanout example and the bench
 * module that measures it (their fan-out over pending connects is exercise 07's answer), with every pom entry that
 * names them and the docs pages built from their output; the tools' own tests (they need the solutions); CI
 * scripts and the kit's workflows. Put in: the student README (English and Chinese) in place of
 * the kit's, the GitHub Classroom workflow, and a copy of every stub in {@code .connectkit/stubs} (what
 * {@code reset} restores). The handout keeps core, the examples, the docs (with the man page), the exercises'
 * testkit (the helpers their tests share, which the tools load) and the build, so a student's {@code ./mvnw verify}
 * builds them all; it runs no exercise test.
 */
public final class Handout {
    private Handout() {
    }

    /** Paths left out of the handout. */
    static final Pattern LEFT_OUT = Pattern.compile("exercises/[^/]+/solution/.*|exercises/gate/.*"
            + "|exercises/classroom/.*|exercises/tools/src/test/.*|examples/connect-fanout/.*|bench/.*|\\.ci/.*"
            + "|\\.github/.*");

    private static final Pattern ARTIFACT = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern MODULE = Pattern.compile("(?m)^\\s*<module>([^<]+)</module>\\R");
    private static final Pattern DOCS_ATTRIBUTE = Pattern.compile("<([\\w-]+)>\\$\\{project\\.basedir}/\\.\\./([^<]+)</\\1>");

    /** Builds the handout of {@code kit} (its {@code trackedFiles}) into the new folder {@code target}. */
    public static void build(Path kit, List<String> trackedFiles, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException(Msg.CLI_EXISTS.text(target));
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(Msg.CLI_NO_SUCH_FOLDER.text(target));
        }
        List<String> leftOut = trackedFiles.stream().filter(f -> LEFT_OUT.matcher(f).matches()).toList();
        Set<String> leftOutArtifacts = new TreeSet<>();
        for (String pom : leftOut.stream().filter(f -> f.endsWith("/pom.xml")).toList()) {
            java.util.regex.Matcher m = ARTIFACT.matcher(Files.readString(kit.resolve(pom)));
            if (m.find()) {
                leftOutArtifacts.add(m.group(1));
            }
        }
        Set<String> droppedPages = pagesBuiltFromLeftOut(kit, trackedFiles);
        try {
            for (String path : trackedFiles) {
                if (LEFT_OUT.matcher(path).matches() || droppedPages.contains(path)) {
                    continue;
                }
                Path source = kit.resolve(path);
                Path copy = target.resolve(path);
                Files.createDirectories(copy.getParent());
                if (path.equals("pom.xml") || path.endsWith("/pom.xml")) {
                    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
                    Files.writeString(copy, withoutDependencies(withoutModules(Files.readString(source), dir),
                            leftOutArtifacts));
                } else if (path.equals("README.md")) {
                    copyResource("README.md", copy);
                } else if (path.equals(".gitignore")) {
                    Files.writeString(copy, Files.readString(source).stripTrailing() + "\n" + ".connectkit/backups/\n");
                } else if (path.startsWith("docs/") && path.endsWith(".adoc") && !droppedPages.isEmpty()) {
                    Files.writeString(copy, withoutLinksTo(Files.readString(source), droppedPages));
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            copyResource("README.zh.md", target.resolve("README.zh.md"));
            Path workflow = target.resolve(".github/workflows/classroom.yml");
            Files.createDirectories(workflow.getParent());
            Files.copy(kit.resolve("exercises/classroom/classroom.yml"), workflow);
            for (String path : trackedFiles) {
                if (path.matches("exercises/\\d\\d-[^/]+/src/main/java/.*")) {
                    String exercise = path.split("/")[1];
                    Path stub = target.resolve(Pristine.STUBS).resolve(exercise)
                            .resolve(path.substring(("exercises/" + exercise + "/").length()));
                    Files.createDirectories(stub.getParent());
                    Files.copy(kit.resolve(path), stub);
                }
            }
        } catch (IOException | RuntimeException e) {
            Folders.delete(target);
            throw e;
        }
    }

    /**
     * The docs pages that include the output of a module the handout leaves out: they use an attribute that
     * docs/pom.xml points into that module.
     */
    private static Set<String> pagesBuiltFromLeftOut(Path kit, List<String> trackedFiles) throws IOException {
        Set<String> pages = new TreeSet<>();
        if (!trackedFiles.contains("docs/pom.xml")) {
            return pages;
        }
        List<String> attributes = new ArrayList<>();
        java.util.regex.Matcher m = DOCS_ATTRIBUTE.matcher(Files.readString(kit.resolve("docs/pom.xml")));
        while (m.find()) {
            if (LEFT_OUT.matcher(m.group(2).endsWith("/") ? m.group(2) : m.group(2) + "/").matches()) {
                attributes.add("{" + m.group(1) + "}");
            }
        }
        for (String path : trackedFiles) {
            if (path.startsWith("docs/") && path.endsWith(".adoc")) {
                String text = Files.readString(kit.resolve(path));
                if (attributes.stream().anyMatch(text::contains)) {
                    pages.add(path);
                }
            }
        }
        return pages;
    }

    /** {@code text} without the lines that include or link to one of {@code pages}. */
    static String withoutLinksTo(String text, Set<String> pages) {
        List<String> names = pages.stream().map(p -> p.substring(p.lastIndexOf('/') + 1, p.length() - ".adoc".length()))
                .toList();
        StringBuilder out = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            boolean links = names.stream().anyMatch(n -> line.contains(n + ".adoc") || line.contains(n + ".html"));
            if (!links) {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** A pom (in folder {@code dir} of the kit) without the {@code <module>} elements naming a left-out module. */
    static String withoutModules(String pom, String dir) {
        return MODULE.matcher(pom).replaceAll(m -> LEFT_OUT.matcher(normalize(dir + m.group(1)) + "/pom.xml").matches()
                ? "" : java.util.regex.Matcher.quoteReplacement(m.group()));
    }

    private static String normalize(String path) {
        return Path.of(path).normalize().toString().replace('\\', '/');
    }

    /** A pom without the {@code <dependency>} elements on one of {@code artifactIds}. */
    static String withoutDependencies(String pom, Set<String> artifactIds) {
        String result = pom;
        for (String artifactId : artifactIds) {
            result = result.replaceAll("(?s)\\s*(<!--(?:(?!-->).)*-->\\s*)?<dependency>\\s*<groupId>dev\\.connectkit</groupId>"
                    + "\\s*<artifactId>" + Pattern.quote(artifactId) + "</artifactId>.*?</dependency>", "");
        }
        return result;
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Handout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(Msg.ERR_RESOURCE.text(name));
            }
            Files.write(to, new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The files git tracks in {@code kit}. */
    public static List<String> tracked(Path kit) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", kit.toString(), "ls-files", "-z").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (git.waitFor() != 0) {
            throw new IOException(Msg.ERR_GIT.text(kit, out.strip()));
        }
        List<String> files = new ArrayList<>();
        for (String f : out.split("\0")) {
            if (!f.isEmpty() && Files.isRegularFile(kit.resolve(f))) {
                files.add(f);
            }
        }
        return files;
    }

    /** The handout packed as {@code out} (a .tar.gz), with the executable bits of its scripts. */
    public static void pack(Path folder, Path out) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-czf", out.toAbsolutePath().toString(), "-C",
                folder.getParent().toString(), folder.getFileName().toString()).redirectErrorStream(true).start();
        String text = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException(Msg.ERR_TAR.text(text.strip()));
        }
    }

    /** Every file of a built handout, relative, sorted: for tests and checks. */
    public static List<String> files(Path handout) throws IOException {
        try (Stream<Path> walk = Files.walk(handout)) {
            return walk.filter(Files::isRegularFile).map(f -> handout.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
