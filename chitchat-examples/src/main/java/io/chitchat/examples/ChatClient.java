package io.chitchat.examples;

import io.chitchat.client.ChitChatClient;
import io.chitchat.client.ChitChatClientException;
import io.chitchat.client.ClientListener;
import io.chitchat.client.ClientState;
import io.chitchat.client.ReconnectPolicy;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command-line chat client on {@code chitchat-client}: joins a room (creating it if it does not exist), prints
 * what is said there, and sends every line typed on stdin; {@code /quit} or end of input leaves. It reconnects by
 * itself after a network failure or a server restart, without losing or repeating messages.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.ChatClient &lt;room&gt; &lt;name&gt;
 *     [--url ws://localhost:8080/ws] [--password secret]</pre>
 *
 * Exit codes: 0 after leaving, 1 when the connection or the join failed, 2 for bad arguments.
 */
public final class ChatClient {
    static final String USAGE = "Usage: ChatClient <room> <name> [--url ws://localhost:8080/ws] [--password secret]";

    private ChatClient() {}

    public static void main(String[] args) {
        // this is a terminal program: the client's own log lines would mix with the chat
        System.setProperty("org.slf4j.simpleLogger.log.io.chitchat.client", "warn");
        System.exit(run(args, System.in, System.out));
    }

    /** Runs the client until {@code /quit} or the end of {@code in}; returns the exit code. */
    static int run(String[] args, InputStream in, PrintStream out) {
        if (args.length < 2 || args[0].startsWith("--") || args[1].startsWith("--")) {
            out.println(USAGE);
            return 2;
        }
        String room = args[0];
        String name = args[1];
        URI url;
        try {
            url = URI.create(ExampleArgs.option(args, "--url", "ws://localhost:8080/ws"));
        } catch (IllegalArgumentException e) {
            out.println("ChatClient: " + e.getMessage());
            return 2;
        }
        String password = ExampleArgs.option(args, "--password", null);

        // tag::client[]
        ChitChatClient client = ChitChatClient.builder(url)
                .reconnect(ReconnectPolicy.defaults()) // rejoins with resume and since: nothing lost, nothing twice
                .listener(new ClientListener() {
                    @Override
                    public void onJoined(ServerFrame.Joined joined) {
                        out.println("* You are in " + joined.room() + " as " + joined.you().name() + " ("
                                + joined.count() + " present). Type a message and press Enter; /quit leaves.");
                        joined.history().stream().filter(e -> e instanceof Entry.Message).forEach(e -> onMessage(
                                (Entry.Message) e));
                    }

                    @Override
                    public void onMessage(Entry.Message m) {
                        out.println("[" + m.room() + "] " + m.from().name() + ": " + m.text());
                    }

                    @Override
                    public void onSystem(Entry.SystemEvent e) {
                        out.println("[" + e.room() + "] * " + e.member().name() + " " + e.event()
                                .replace("join", "joined").replace("leave", "left"));
                    }

                    @Override
                    public void onStateChange(ClientState previous, ClientState current) {
                        if (current == ClientState.RECONNECTING) {
                            out.println("* connection lost, reconnecting...");
                        }
                    }

                    @Override
                    public void onRejoined(ServerFrame.Joined joined) {
                        out.println("* back in " + joined.room() + (Boolean.TRUE.equals(joined.recovered()) ? ""
                                : " (some messages may be missing)"));
                    }
                })
                .build();
        try {
            client.connect().get(10, TimeUnit.SECONDS);
            ServerFrame.Joined joined = joinOrCreate(client, room, name, password);
            // end::client[]
            // tag::send[]
            BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = stdin.readLine()) != null && !line.equals("/quit")) {
                if (!line.isBlank()) {
                    client.send(joined.room(), line).exceptionally(failure -> {
                        out.println("! not sent: " + reason(failure));
                        return null;
                    });
                }
            }
            client.leave(joined.room()).get(5, TimeUnit.SECONDS);
            // end::send[]
            return 0;
        } catch (ExecutionException | TimeoutException | IOException e) {
            out.println("! " + reason(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            client.close();
        }
    }

    /** Joins {@code room}; creates it when it does not exist yet. */
    private static ServerFrame.Joined joinOrCreate(ChitChatClient client, String room, String name, String password)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return client.join(room, name, password).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChitChatClientException c && c.code() == ErrorCode.ROOM_NOT_FOUND) {
                return client.create(room, name, password).get(10, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    private static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ChitChatClientException c) {
            return c.getMessage() + " (" + c.code().wire() + ")";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
