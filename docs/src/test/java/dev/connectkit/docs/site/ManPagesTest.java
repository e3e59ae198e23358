package dev.connectkit.docs.site;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The man pages as a reader gets them: each one rendered as {@code man -l} does (or {@code groff -man -Tutf8}
 * where man is absent), without a warning, with its sections in order; and connectkit(1) documents every
 * subcommand and option of the {@code ./connectkit} script and of the exercise tools it hands commands to.
 */
@DisplayName("the man pages render, with their sections")
class ManPagesTest {

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("man1/connectkit.1", List.of("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS",
                        "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO")),
                Arguments.of("zh_CN/man1/connectkit.1", List.of("名称", "概述", "描述", "命令", "选项", "退出状态",
                        "环境变量", "文件", "示例", "参见")),
                Arguments.of("man2/connect.2", List.of("NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "ERRORS",
                        "APPLICATION USAGE", "NOTES", "EXAMPLES", "SEE ALSO")),
                Arguments.of("zh_CN/man2/connect.2", List.of("名称", "概述", "描述", "返回值", "错误", "应用说明", "注",
                        "示例", "参见")));
    }

    @ParameterizedTest(name = "{0}: renders without a warning, sections {1}")
    @MethodSource("pages")
    void rendersWithItsSections(String page, List<String> sections, @TempDir Path tmp) throws Exception {
        Rendered out = render(DocsTree.man().resolve(page), tmp);
        Path text = DocsTree.man().resolveSibling("man-rendered").resolve(page + ".txt");
        Files.createDirectories(text.getParent());
        Files.writeString(text, out.stdout()); // what the test read, to look at when it fails
        assertThat(out.exitCode()).as("exit status of %s", out.command()).isZero();
        assertThat(out.stderr()).as("what %s printed on stderr (groff warnings)", out.command()).isEmpty();
        assertThat(headings(out.stdout())).as("the section headings of %s, in order", page)
                .containsExactlyElementsOf(sections);
        // groff fills ASCII text correctly and leaves code unwrapped on purpose; what it gets wrong is the width of
        // Chinese characters (two columns each), in tables above all: those lines must fit the terminal.
        assertThat(out.stdout().lines().filter(line -> hasWideOrTable(line) && columns(line) > WIDTH).toList())
                .as("lines of %s with Chinese text or a table wider than the %d-column terminal it was rendered for",
                        page, WIDTH).isEmpty();
    }

    /** The terminal width the pages are rendered for. */
    static final int WIDTH = 80;

    /** How many terminal columns {@code line} takes: two for a wide (CJK) character, one for any other. */
    static int columns(String line) {
        return line.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    private static boolean hasWideOrTable(String line) {
        return line.codePoints().anyMatch(c -> wide(c) || (c >= 0x2500 && c <= 0x257F)); // box drawing: a table
    }

    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6);
    }

    @Test
    @DisplayName("zh_CN connect(2) carries the seed's own words, and its errors come from the errno table")
    void chineseConnectQuotesTheSeed(@TempDir Path tmp) throws Exception {
        String text = flat(render(DocsTree.man().resolve("zh_CN/man2/connect.2"), tmp).stdout());
        assertThat(text).contains("如果sockfd尚未绑定到本地地址，则connect()应将其绑定到一个未使用的本地地址")
                .contains("ECONNREFUSED(111)").contains("地址族");
    }

    @Test
    @DisplayName("English connect(2) keeps POSIX's shall and lists the errors")
    void englishConnectSaysShall(@TempDir Path tmp) throws Exception {
        String text = flat(render(DocsTree.man().resolve("man2/connect.2"), tmp).stdout());
        assertThat(text).contains("connect()shallbindittoanunusedlocaladdress").contains("ECONNREFUSED(111)");
    }

    @ParameterizedTest(name = "{0} documents every subcommand and option of ./connectkit")
    @MethodSource("commandPages")
    void connectkitPageMatchesTheScript(String page, @TempDir Path tmp) throws Exception {
        String text = render(DocsTree.man().resolve(page), tmp).stdout();
        Map<String, List<String>> commands = commands();
        assertThat(commands).as("subcommands found in the connectkit script").containsKeys("progress", "test");
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            if (!Pattern.compile("connectkit " + Pattern.quote(command.getKey()) + "\\b").matcher(text).find()) {
                undocumented.add(command.getKey());
            }
            for (String option : command.getValue()) {
                if (!text.contains(option)) {
                    undocumented.add(command.getKey() + " " + option);
                }
            }
        }
        assertThat(undocumented).as("subcommands and options of ./connectkit missing from %s (edit"
                + " docs/src/docs/man/man1/connectkit.adoc and its zh_CN twin)", page).isEmpty();
    }

    static Stream<String> commandPages() {
        return Stream.of("man1/connectkit.1", "zh_CN/man1/connectkit.1");
    }

    /**
     * The subcommands and options of the connectkit command: the script's own ({@link #scriptCommands()}), and for
     * each subcommand the script hands to the exercise tools, the long options of its picocli command class.
     */
    static Map<String, List<String>> commands() {
        Map<String, List<String>> commands = scriptCommands();
        Path cli = DocsTree.root().resolve("exercises/tools/src/main/java/dev/connectkit/exercises/tools/cli");
        if (Files.isDirectory(cli)) {
            for (Path file : DocsTree.files(cli, "Command.java")) {
                String source = DocsTree.read(cli.resolve(file));
                Matcher name = Pattern.compile("@Command\\(name = \"([a-z-]+)\"([^)]*)\\)").matcher(source);
                if (!name.find() || name.group(2).contains("hidden = true") || !commands.containsKey(name.group(1))) {
                    continue;
                }
                List<String> options = new ArrayList<>(commands.get(name.group(1)));
                Matcher option = Pattern.compile("@Option\\(names = \\{?([^)}]*)").matcher(source);
                while (option.find()) {
                    Matcher each = Pattern.compile("\"(--[a-z][a-z-]*)\"").matcher(option.group(1));
                    while (each.find()) {
                        if (!options.contains(each.group(1))) {
                            options.add(each.group(1));
                        }
                    }
                }
                commands.put(name.group(1), options);
            }
        }
        return commands;
    }

    /**
     * The subcommands of the {@code ./connectkit} script (the labels of its top-level {@code case}) and the long
     * options each one matches. The default branch, which hands over to the tour's Java command, is left out.
     */
    static Map<String, List<String>> scriptCommands() {
        String script = DocsTree.read(DocsTree.root().resolve("connectkit"));
        int start = script.indexOf("case \"${1:-}\" in");
        assertThat(start).as("the connectkit script's top-level case").isNotNegative();
        Matcher label = Pattern.compile("(?m)^  ([^\\s()]+)\\)").matcher(script);
        Map<String, List<String>> commands = new LinkedHashMap<>();
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (label.find(spans.isEmpty() ? start : spans.getLast()[1])) {
            names.add(label.group(1));
            spans.add(new int[] {label.start(), label.end()});
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : script.indexOf("\nesac", spans.get(i)[1]);
            String branch = script.substring(spans.get(i)[1], end);
            List<String> options = new ArrayList<>();
            // A long option the script itself reads; --name=value is a flag the script passes on to java.
            Matcher option = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*(?![=a-z-])").matcher(branch);
            while (option.find()) {
                if (!options.contains(option.group())) {
                    options.add(option.group());
                }
            }
            for (String name : names.get(i).split("\\|")) {
                if (!name.equals("*")) {
                    commands.put(name, options);
                }
            }
        }
        return commands;
    }

    record Rendered(List<String> command, int exitCode, String stdout, String stderr) {
    }

    /**
     * Renders a man page to text as a reader's terminal would get it, {@link #WIDTH} columns wide, UTF-8. The page is
     * copied to a folder of its own first: man-db sets up Chinese line breaking by itself only for a page whose path
     * has a zh_CN folder, and a reader's {@code man -l} of a relative path does not, so the page must carry it.
     */
    static Rendered render(Path built, Path tmp) throws Exception {
        assertThat(built).as("the built man page").isRegularFile();
        Path page = Files.copy(built, tmp.resolve(built.getFileName()));
        List<String> command = onPath("man")
                ? List.of("man", "-l", page.toString())
                // groff alone does not know where a Chinese line may break (man-db sets that up): -Wbreak mutes only that.
                : List.of("groff", "-man", "-t", "-k", "-Tutf8", "-Wbreak", page.toString());
        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("MANWIDTH", String.valueOf(WIDTH));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().remove("MANPAGER");
        builder.environment().put("PAGER", "cat");
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within 30 s");
        }
        // Bold and underline as a terminal gets them (overstrikes, SGR) are removed: the test reads the text.
        String text = Files.readString(stdout).replaceAll(".\b", "").replaceAll("\u001B\\[[0-9;]*m", "");
        return new Rendered(command, process.exitValue(), text, Files.readString(stderr));
    }

    /** The section headings of rendered man text: the lines that start at column 0, without header and footer. */
    static List<String> headings(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        return lines.subList(1, lines.size() - 1).stream().filter(line -> !Character.isWhitespace(line.charAt(0)))
                .map(String::strip).toList();
    }

    /** Rendered text without any whitespace, so that a check does not depend on where lines were broken. */
    static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
