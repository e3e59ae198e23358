package dev.connectkit.exercises.tools.run;

import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a student's compiled code may not do, checked in its class files before any test runs: end the JVM, start
 * processes, use reflection or native code, rewire the JVM's streams and properties, or define classes outside
 * the exercise's own package (where they could stand in for a test, a test helper or a library). The tests run
 * in the same JVM as the student's code; these are the calls that would let that code decide its own result.
 */
public final class CodeCheck {
    private CodeCheck() {
    }

    /** Why a piece of code is refused. */
    public enum Rule {
        /** System.exit, Runtime.exit or Runtime.halt: the tests cannot see anything after it. */
        EXIT,
        /** A new process, or another process's handle. */
        PROCESS,
        /** Reflection, method handle lookups, class loaders. */
        REFLECTION,
        /** Native code: the FFM API, System.load. */
        NATIVE,
        /** The JVM's own state: System.setOut, properties, shutdown hooks, management, JDK internals. */
        JVM_STATE,
        /** A class outside the exercise's package, or one named like a test class. */
        SHADOW
    }

    /** One refusal: the source file (relative to src/main/java, when known), the line (0 when unknown), what. */
    public record Finding(String source, int line, Rule rule, String what) {
    }

    private record Banned(String owner, String member, Rule rule) {
        boolean matches(String o, String m) {
            boolean ownerMatches = owner.endsWith("/") ? o.startsWith(owner) : o.equals(owner);
            return ownerMatches && (member.equals("*") || member.equals(m)
                    || member.endsWith("*") && m.startsWith(member.substring(0, member.length() - 1)));
        }
    }

    private static final List<Banned> BANNED = List.of(
            new Banned("java/lang/System", "exit", Rule.EXIT),
            new Banned("java/lang/Runtime", "exit", Rule.EXIT),
            new Banned("java/lang/Runtime", "halt", Rule.EXIT),
            new Banned("java/lang/Runtime", "exec", Rule.PROCESS),
            new Banned("java/lang/ProcessBuilder", "*", Rule.PROCESS),
            new Banned("java/lang/ProcessHandle", "*", Rule.PROCESS),
            new Banned("java/lang/Process", "*", Rule.PROCESS),
            new Banned("java/lang/reflect/", "*", Rule.REFLECTION),
            new Banned("java/lang/invoke/MethodHandles", "privateLookupIn", Rule.REFLECTION),
            new Banned("java/lang/invoke/MethodHandles", "lookup", Rule.REFLECTION),
            new Banned("java/lang/invoke/MethodHandles$Lookup", "*", Rule.REFLECTION),
            new Banned("java/lang/invoke/MethodHandleProxies", "*", Rule.REFLECTION),
            new Banned("java/lang/Class", "forName", Rule.REFLECTION),
            new Banned("java/lang/Class", "getDeclared*", Rule.REFLECTION),
            new Banned("java/lang/Class", "getMethod", Rule.REFLECTION),
            new Banned("java/lang/Class", "getMethods", Rule.REFLECTION),
            new Banned("java/lang/Class", "getField", Rule.REFLECTION),
            new Banned("java/lang/Class", "getFields", Rule.REFLECTION),
            new Banned("java/lang/Class", "getConstructor", Rule.REFLECTION),
            new Banned("java/lang/Class", "getConstructors", Rule.REFLECTION),
            new Banned("java/lang/Class", "getRecordComponents", Rule.REFLECTION),
            new Banned("java/lang/Class", "getClassLoader", Rule.REFLECTION),
            new Banned("java/lang/Class", "getModule", Rule.REFLECTION),
            new Banned("java/lang/Class", "newInstance", Rule.REFLECTION),
            new Banned("java/lang/ClassLoader", "*", Rule.REFLECTION),
            new Banned("java/lang/Thread", "getContextClassLoader", Rule.REFLECTION),
            new Banned("java/lang/Thread", "setContextClassLoader", Rule.REFLECTION),
            new Banned("java/net/URLClassLoader", "*", Rule.REFLECTION),
            new Banned("java/security/SecureClassLoader", "*", Rule.REFLECTION),
            new Banned("java/lang/Module", "*", Rule.REFLECTION),
            new Banned("java/lang/ModuleLayer", "*", Rule.REFLECTION),
            new Banned("java/util/ServiceLoader", "*", Rule.REFLECTION),
            new Banned("java/lang/foreign/", "*", Rule.NATIVE),
            new Banned("java/lang/System", "load", Rule.NATIVE),
            new Banned("java/lang/System", "loadLibrary", Rule.NATIVE),
            new Banned("java/lang/Runtime", "load", Rule.NATIVE),
            new Banned("java/lang/Runtime", "loadLibrary", Rule.NATIVE),
            new Banned("java/lang/System", "setOut", Rule.JVM_STATE),
            new Banned("java/lang/System", "setErr", Rule.JVM_STATE),
            new Banned("java/lang/System", "setIn", Rule.JVM_STATE),
            new Banned("java/lang/System", "setProperty", Rule.JVM_STATE),
            new Banned("java/lang/System", "setProperties", Rule.JVM_STATE),
            new Banned("java/lang/System", "clearProperty", Rule.JVM_STATE),
            new Banned("java/lang/System", "getProperties", Rule.JVM_STATE),
            new Banned("java/lang/System", "console", Rule.JVM_STATE),
            new Banned("java/lang/Runtime", "addShutdownHook", Rule.JVM_STATE),
            new Banned("java/lang/Runtime", "removeShutdownHook", Rule.JVM_STATE),
            new Banned("java/lang/Thread", "setDefaultUncaughtExceptionHandler", Rule.JVM_STATE),
            new Banned("java/lang/Thread", "getAllStackTraces", Rule.JVM_STATE),
            new Banned("java/io/FileDescriptor", "*", Rule.JVM_STATE),
            new Banned("java/lang/management/", "*", Rule.JVM_STATE),
            new Banned("java/lang/instrument/", "*", Rule.JVM_STATE),
            new Banned("javax/management/", "*", Rule.JVM_STATE),
            new Banned("com/sun/", "*", Rule.JVM_STATE),
            new Banned("sun/", "*", Rule.JVM_STATE),
            new Banned("jdk/internal/", "*", Rule.JVM_STATE));

    /**
     * Checks every class file under {@code classes} (a student's compiled {@code src/main/java}): what it calls,
     * and where it lives. {@code packages} are the packages the exercise's classes belong in (its tests'
     * packages); {@code testClasses} are the binary names of the tests' classes, which no student class may take.
     */
    public static List<Finding> check(Path classes, Set<String> packages, Set<String> testClasses) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        Set<Finding> findings = new LinkedHashSet<>();
        for (Path file : files) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            String internal = model.thisClass().asInternalName();
            String name = internal.replace('/', '.');
            String pkg = internal.contains("/") ? internal.substring(0, internal.lastIndexOf('/')).replace('/', '.') : "";
            String source = sourceOf(model, pkg);
            if (internal.equals("module-info")) {
                findings.add(new Finding(source, 0, Rule.SHADOW, "module-info"));
                continue;
            }
            if (!packages.contains(pkg) || testClasses.contains(name)) {
                findings.add(new Finding(source, 0, Rule.SHADOW, name));
            }
            model.superclass().ifPresent(s -> banned(s.asInternalName(), "<init>")
                    .ifPresent(rule -> findings.add(new Finding(source, 0, rule, s.asInternalName().replace('/', '.')))));
            List<Finding> inCode = new ArrayList<>();
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> {
                    int line = 0;
                    for (CodeElement e : code) {
                        switch (e) {
                            case LineNumber n -> line = n.line();
                            case InvokeInstruction i -> add(inCode, source, line, i.owner().asInternalName(),
                                    i.name().stringValue());
                            case FieldInstruction f -> add(inCode, source, line, f.owner().asInternalName(),
                                    f.name().stringValue());
                            case InvokeDynamicInstruction indy -> {
                                for (ConstantDesc arg : indy.bootstrapArgs()) {
                                    if (arg instanceof DirectMethodHandleDesc handle) {
                                        add(inCode, source, line, handle.owner().descriptorString()
                                                .replaceAll("^L|;$", ""), handle.methodName());
                                    }
                                }
                            }
                            default -> {
                            }
                        }
                    }
                });
            }
            findings.addAll(inCode);
            if (inCode.isEmpty()) {
                // Whatever the code walk could not place on a line: any other reference in the constant pool.
                for (PoolEntry entry : model.constantPool()) {
                    if (entry instanceof MemberRefEntry ref) {
                        add(findings, source, 0, ref.owner().asInternalName(), ref.name().stringValue());
                    }
                }
            }
        }
        return List.copyOf(findings);
    }

    private static void add(java.util.Collection<Finding> findings, String source, int line, String owner, String member) {
        banned(owner, member).ifPresent(rule -> findings.add(new Finding(source, line, rule, name(owner) + "." + member)));
    }

    /** A class as a Java programmer writes it: {@code System}, {@code java.lang.reflect.Field}. */
    private static String name(String internal) {
        String dotted = internal.replace('/', '.').replace('$', '.');
        return internal.startsWith("java/lang/") && internal.indexOf('/', "java/lang/".length()) < 0
                ? dotted.substring("java.lang.".length()) : dotted;
    }

    private static Optional<Rule> banned(String owner, String member) {
        return BANNED.stream().filter(b -> b.matches(owner, member)).map(Banned::rule).findFirst();
    }

    private static String sourceOf(ClassModel model, String pkg) {
        return model.findAttribute(Attributes.sourceFile())
                .map(a -> (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + a.sourceFile().stringValue())
                .orElse(null);
    }
}
