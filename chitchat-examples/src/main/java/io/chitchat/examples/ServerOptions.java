package io.chitchat.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/**
 * The command line of the standalone server, parsed and checked. A bad option fails with an
 * {@link IllegalArgumentException} whose message says what is wrong, for the user to read.
 *
 * @param port the port (0 picks a free one)
 * @param host the interface to listen on, null for all
 * @param allowedOrigins origins whose pages may connect besides the server's own
 * @param trustedProxies reverse proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed
 * @param grace how long a dropped connection keeps its room memberships, or null for the engine's default
 * @param maxText the longest message text in characters, or null for the engine's default
 * @param redis the Redis URI of a cluster, or null for a single node
 * @param nodeId this node's id in the cluster, or null for a random one
 * @param clusterSecret the secret every node of the cluster shares (signs resume tokens), or null
 * @param help whether to print the usage and exit
 */
record ServerOptions(int port, String host, List<String> allowedOrigins, List<String> trustedProxies,
                     Duration grace, Integer maxText, String redis, String nodeId, String clusterSecret,
                     boolean help) {

    static final String USAGE = """
            Usage: java -jar chitchat-server.jar [options]

            Runs a ChitChat server: the web UI at http://HOST:PORT/, the WebSocket at ws://HOST:PORT/ws,
            health at http://HOST:PORT/health. SIGTERM (Ctrl-C) stops it gracefully: clients are closed with 1001.

            Options:
              --port <n>                  port to listen on (default: $PORT, else 8080; 0 picks a free port)
              --host <address>            interface to listen on (default: all)
              --allowed-origins <a,b,...> origins whose pages may connect besides the server's own,
                                          e.g. https://app.example.com ("*" allows any)
              --trusted-proxies <a,b,...> reverse proxies whose X-Forwarded-For names the client, as addresses
                                          or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8 (default: none)
              --grace <seconds>           how long a dropped connection keeps its rooms for a reconnect (default 10)
              --max-text <n>              longest message text, in characters (default 4000)
              --redis <uri>               run as a node of a cluster on Redis, e.g. redis://127.0.0.1:6379
                                          (default: $CHITCHAT_REDIS_URL, else a single node in memory)
              --node-id <id>              this node's id in the cluster (default: random)
              --cluster-secret <secret>   secret shared by every node, signs resume tokens; required with
                                          --redis (default: $CHITCHAT_CLUSTER_SECRET)
              --help                      print this help and exit
            """;

    private static final int DEFAULT_PORT = 8080;

    /**
     * Parses {@code --name value} and {@code --name=value} options; {@code PORT} in the environment sets the port
     * when {@code --port} is absent.
     */
    static ServerOptions parse(String[] args, Map<String, String> env) {
        Integer port = null;
        String host = null;
        List<String> origins = new ArrayList<>();
        List<String> proxies = new ArrayList<>();
        Duration grace = null;
        Integer maxText = null;
        String redis = null;
        String nodeId = null;
        String secret = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--port" -> port = port(name, value != null ? value : next(args, ++i, name));
                case "--host" -> host = nonEmpty(name, value != null ? value : next(args, ++i, name));
                case "--allowed-origins" -> origins.addAll(list(value != null ? value : next(args, ++i, name)));
                case "--trusted-proxies" -> proxies.addAll(list(value != null ? value : next(args, ++i, name)));
                case "--grace" -> grace = Duration.ofSeconds(
                        integer(name, value != null ? value : next(args, ++i, name), 0, 86_400));
                case "--max-text" -> maxText = integer(name, value != null ? value : next(args, ++i, name), 1,
                        1_000_000);
                case "--redis" -> redis = nonEmpty(name, value != null ? value : next(args, ++i, name));
                case "--node-id" -> nodeId = nonEmpty(name, value != null ? value : next(args, ++i, name));
                case "--cluster-secret" -> secret = nonEmpty(name, value != null ? value : next(args, ++i, name));
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option " + name : "unexpected argument '" + arg + "'");
            }
        }
        if (port == null) {
            String fromEnv = env.get("PORT");
            port = fromEnv == null || fromEnv.isBlank() ? DEFAULT_PORT : port("PORT", fromEnv.trim());
        }
        if (redis == null) {
            redis = blankToNull(env.get("CHITCHAT_REDIS_URL"));
        }
        if (secret == null) {
            secret = blankToNull(env.get("CHITCHAT_CLUSTER_SECRET"));
        }
        if (redis != null && secret == null && !help) {
            throw new IllegalArgumentException(
                    "--cluster-secret (or CHITCHAT_CLUSTER_SECRET) is required with --redis: every node shares it");
        }
        if (redis == null && (nodeId != null || secret != null) && !help) {
            throw new IllegalArgumentException("--node-id and --cluster-secret need --redis (or CHITCHAT_REDIS_URL)");
        }
        return new ServerOptions(port, host, List.copyOf(origins), List.copyOf(proxies), grace, maxText, redis, nodeId,
                secret, help);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return out;
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static String nonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value.trim();
    }

    private static int port(String name, String value) {
        return integer(name, value, 0, 65_535);
    }

    private static int integer(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }
}
