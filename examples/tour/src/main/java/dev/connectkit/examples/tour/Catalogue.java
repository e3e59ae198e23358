package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.support.Example;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Every example the kit has, found rather than listed: in this module, each package with a descriptor
 * ({@code Example.properties}, which names the class) is an example, placed in the tour by the descriptor's
 * {@code order}; the module descriptor that javac writes lists the packages, so there is nothing to keep in sync.
 * Examples of other modules (the connect-fanout benchmark) join through {@link ServiceLoader} and come after the
 * tour, by name.
 */
public final class Catalogue {
    private final List<Example> tour;
    private final List<Example> others;

    private Catalogue(List<Example> tour, List<Example> others) {
        this.tour = List.copyOf(tour);
        this.others = List.copyOf(others);
    }

    /** The catalogue of this run: this module's examples and those the module path provides. */
    public static Catalogue load() {
        Module module = Catalogue.class.getModule();
        if (!module.isNamed()) {
            throw new IllegalStateException("the catalogue reads the examples module's packages: run connectkit"
                    + " on the module path (./connectkit does)");
        }
        List<Example> tour = new ArrayList<>();
        for (String packageName : module.getPackages().stream().sorted().toList()) {
            if (hasDescriptor(module, packageName)) {
                tour.add(instantiate(Descriptor.of(packageName)));
            }
        }
        tour.sort(Comparator.comparingInt(e -> Descriptor.of(e.getClass().getPackageName()).order()));
        List<Example> others = ServiceLoader.load(Example.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.getClass().getModule() != module)
                .sorted(Comparator.comparing(Example::name)).toList();
        return new Catalogue(tour, others);
    }

    private static boolean hasDescriptor(Module module, String packageName) {
        String resource = packageName.replace('.', '/') + "/" + Descriptor.FILE + ".properties";
        try (InputStream in = module.getResourceAsStream(resource)) {
            return in != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Example instantiate(Descriptor descriptor) {
        String className = descriptor.packageName() + "." + descriptor.className();
        try {
            Class<?> type = Class.forName(className);
            return (Example) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | ClassCastException e) {
            throw new IllegalStateException("the descriptor of " + descriptor.name() + " names " + className
                    + ", which is not an Example with a public no-argument constructor", e);
        }
    }

    /** The examples the tour runs, in order. */
    public List<Example> tour() {
        return tour;
    }

    /** Programs from other modules: not in the tour (they measure rather than show), but run by name. */
    public List<Example> others() {
        return others;
    }

    /** Every example: the tour's, then the others. */
    public List<Example> all() {
        return Stream.concat(tour.stream(), others.stream()).toList();
    }

    /** The example with this name. */
    public Optional<Example> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
