package io.chitchat.examples;

import java.util.Map;

/**
 * The few command-line options the examples share: {@code --port <n>} (default: {@code $PORT}, else 8080) and
 * example-specific ones of the same {@code --name value} form. A bad value fails with a message naming it.
 */
final class ExampleArgs {
    static final int DEFAULT_PORT = 8080;

    private ExampleArgs() {}

    /** The HTTP port: {@code --port}, else {@code $PORT}, else 8080. */
    static int port(String[] args) {
        return port(args, System.getenv());
    }

    static int port(String[] args, Map<String, String> env) {
        String fromEnv = env.get("PORT");
        int fallback = fromEnv == null || fromEnv.isBlank() ? DEFAULT_PORT : parsePort("PORT", fromEnv.trim());
        return intOption(args, "--port", fallback);
    }

    /** The value of {@code --name <value>} or {@code --name=<value>}, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return fallback;
    }

    /** A port option (0 to 65535). */
    static int intOption(String[] args, String name, int fallback) {
        String value = option(args, name, null);
        return value == null ? fallback : parsePort(name, value);
    }

    private static int parsePort(String name, String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
        return port;
    }
}
