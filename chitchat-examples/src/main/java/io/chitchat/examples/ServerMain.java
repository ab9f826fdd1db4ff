package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatBuilder;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.jetty.JettyOptions;
import io.chitchat.redis.ChitChatRedis;
import io.chitchat.redis.RedisOptions;
import java.io.PrintStream;
import java.util.Map;

/**
 * The standalone ChitChat server: {@code java -jar chitchat-server.jar [--port 8080] ...}; {@code --help} lists
 * the options. Exit codes: 0 after {@code --help} (or while serving), 1 if it cannot start, 2 for a bad option.
 */
public final class ServerMain {
    static final int BAD_USAGE = 2;
    static final int CANNOT_START = 1;

    private ServerMain() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // Jetty's threads keep the JVM alive; SIGTERM runs the shutdown hook
    }

    /** Parses the options and starts the server; returns the process exit code (0: running, or help printed). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ChitChatServer server;
        try {
            ServerOptions options = ServerOptions.parse(args, env);
            if (options.help()) {
                out.print(ServerOptions.USAGE);
                return 0;
            }
            server = server(options);
        } catch (IllegalArgumentException e) {
            err.println("chitchat-server: " + e.getMessage());
            err.println("Try 'java -jar chitchat-server.jar --help' for the options.");
            return BAD_USAGE;
        } catch (RuntimeException e) {
            err.println("chitchat-server: cannot start: " + e.getMessage());
            return CANNOT_START;
        }
        try {
            server.start();
        } catch (IllegalStateException e) {
            err.println("chitchat-server: " + e.getMessage());
            return CANNOT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "chitchat-shutdown"));
        out.println("ChitChat is running at " + server.uri() + " (WebSocket: ws://"
                + server.uri().getAuthority() + "/ws). Stop it with Ctrl-C.");
        return 0;
    }

    /** Builds the server the options describe; a value a builder refuses fails with its message. */
    static ChitChatServer server(ServerOptions options) {
        // tag::options[]
        ChitChatBuilder chat = ChitChat.builder();
        if (options.grace() != null) {
            chat.gracePeriod(options.grace());
        }
        if (options.maxText() != null) {
            chat.maxTextLength(options.maxText());
        }
        if (options.redis() != null) {
            RedisOptions redis = RedisOptions.of(options.redis(), options.clusterSecret());
            if (options.nodeId() != null) {
                redis = redis.withNodeId(options.nodeId());
            }
            // connects now: an unreachable Redis fails the start with its message
            ChitChatRedis.configure(chat, redis);
        }
        JettyOptions jetty = JettyOptions.builder()
                .allowedOrigins(options.allowedOrigins().toArray(String[]::new))
                .trustedProxies(options.trustedProxies().toArray(String[]::new))
                .build();
        return ChitChatServer.builder(chat.build()).host(options.host()).port(options.port()).options(jetty).build();
        // end::options[]
    }
}
