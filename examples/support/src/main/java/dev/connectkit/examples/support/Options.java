package dev.connectkit.examples.support;

import dev.connectkit.posix.SockAddr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line of an example: {@code --name value} options and {@code --flag} switches, checked
 * against what the example accepts. Addresses must be IP literals or {@code localhost}: nothing is ever looked
 * up in DNS.
 */
public final class Options {
    private final Map<String, String> values;
    private final Set<String> flagsGiven;

    private Options(Map<String, String> values, Set<String> flagsGiven) {
        this.values = values;
        this.flagsGiven = flagsGiven;
    }

    /**
     * Parses {@code args}, accepting the options in {@code withValue} (each followed by a value) and the switches
     * in {@code flags}.
     *
     * @throws UsageException for an unknown option, a missing value, or a stray argument
     */
    public static Options parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> given = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (withValue.contains(arg)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("missing value after " + arg);
                }
                values.put(arg, args.get(++i));
            } else if (flags.contains(arg)) {
                given.add(arg);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option " + arg);
            } else {
                throw new UsageException("unexpected argument " + arg);
            }
        }
        return new Options(values, given);
    }

    /** Whether a switch was given. */
    public boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    /** Whether an option with a value was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A port option: an integer in 1-65535. */
    public int port(String name, int defaultPort) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new UsageException("port out of range 1-65535: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("not a port number: " + text);
        }
    }

    /** A positive integer option. */
    public int positive(String name, int defaultValue) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new UsageException(name + " must be at least 1: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("not a number after " + name + ": " + text);
        }
    }

    /** A text option, or null when it was not given. */
    public String string(String name) {
        return values.get(name);
    }

    /** A host option as an address with the given port: an IP literal or {@code localhost}, never a DNS name. */
    public SockAddr address(String name, String defaultHost, int port) throws UsageException {
        String host = values.getOrDefault(name, defaultHost);
        try {
            return SockAddr.parse(host, port);
        } catch (IllegalArgumentException e) {
            throw new UsageException("malformed address " + host + ": " + e.getMessage());
        }
    }
}
