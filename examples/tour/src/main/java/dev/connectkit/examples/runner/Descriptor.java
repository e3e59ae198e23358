package dev.connectkit.examples.runner;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;

import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;

/**
 * What the catalogue knows of an example of this module, read from the {@code Example.properties} file in its
 * package (and {@code Example_zh.properties} beside it): its name, its place in the tour, the statements it
 * shows, the errnos its run shows, its summary and the sentences it prints. The tour, {@code connectkit list},
 * {@code connectkit explain}, the README's table and the docs' example pages are generated from these files.
 *
 * <pre>
 * name=tcp-client
 * order=1
 * statements=S-01,S-07
 * errnos=ECONNREFUSED
 * class=TcpClient
 * summary=the seed's TCP client, done right: socket, implicit bind, connect, send, close
 * </pre>
 */
public record Descriptor(String packageName, String name, int order, List<Statement> statements, List<Errno> errnos,
                         String className, List<String> regions) {

    /** The file name of a descriptor, in the example's package. */
    public static final String FILE = "Example";

    /** The descriptor of the example in {@code packageName}. */
    public static Descriptor of(String packageName) {
        ResourceBundle base = Text.bundle(baseName(packageName), Language.EN);
        return new Descriptor(packageName, base.getString("name"), Integer.parseInt(base.getString("order")),
                Arrays.stream(base.getString("statements").split(",")).map(String::strip).map(Statement::byId).toList(),
                list(base, "errnos").stream().map(Errno::valueOf).toList(), base.getString("class"), list(base, "regions"));
    }

    /** A comma-separated list of the descriptor; empty where the key is absent. */
    private static List<String> list(ResourceBundle base, String key) {
        return base.containsKey(key) ? Arrays.stream(base.getString(key).split(",")).map(String::strip).toList()
                : List.of();
    }

    /** The bundle's base name for the example in {@code packageName}. */
    public static String baseName(String packageName) {
        return packageName + "." + FILE;
    }

    /** The example's sentences, with the shared ones behind them, in {@code language}. */
    public Text text(Language language) {
        return Text.of(baseName(packageName), language);
    }

    /** The one-line summary in {@code language}. */
    public String summary(Language language) {
        return text(language).get("summary");
    }
}
