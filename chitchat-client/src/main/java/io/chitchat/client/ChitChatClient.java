package io.chitchat.client;

import io.chitchat.protocol.ServerFrame;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client of a ChitChat server (protocol v1) over WebSocket.
 *
 * <pre>{@code
 * ChitChatClient client = ChitChatClient.builder(URI.create("ws://localhost:8080/ws"))
 *         .reconnect(ReconnectPolicy.defaults())
 *         .listener(new ClientListener() {
 *             public void onMessage(Entry.Message m) { System.out.println(m.from().name() + ": " + m.text()); }
 *         })
 *         .build();
 * client.connect().join();
 * client.join("team-blue", "ada").join();
 * client.send("team-blue", "hello").join();
 * }</pre>
 *
 * <p>Requests return futures completed by the server's reply (matched by {@code ref}). A future fails with
 * {@link ChitChatClientException} when the server answers {@code error}; with
 * {@link java.util.concurrent.TimeoutException} when no reply comes within the request timeout; with
 * {@link java.io.IOException} when the connection is lost first (sends excepted, when the client reconnects:
 * they are written again); and with {@link IllegalStateException} when the client is not connected or was
 * closed. Invalid arguments throw at once. Futures complete on the client's event thread, where listeners are
 * called: code that runs there must not block.
 *
 * <p>Entries ({@code message}, {@code system}) are delivered to the {@link ClientListener}s once each, in
 * {@code seq} order per room. With a {@link ReconnectPolicy}, a lost connection is opened again, every room is
 * joined again with {@code since}, {@code epoch} and {@code resume}, missed entries are delivered, and
 * unacknowledged sends are sent again with their {@code cid} (the server does not post them twice).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public interface ChitChatClient extends AutoCloseable {

    /** A builder for a client of the endpoint {@code uri} ({@code ws://} or {@code wss://}, e.g. {@code ws://host:8080/ws}). */
    static ChitChatClientBuilder builder(URI uri) {
        return new ChitChatClientBuilder(uri);
    }

    /**
     * Opens the connection; completes when the server's {@code welcome} arrived. Fails if the connection could
     * not be opened (e.g. {@link java.net.http.WebSocketHandshakeException} for an HTTP 403), with
     * {@link ChitChatClientException} if the server refused it with an {@code error}, or with
     * {@link java.util.concurrent.TimeoutException} after the connect timeout. A client connects once: later
     * calls return the outcome of the first.
     */
    CompletableFuture<Void> connect();

    /** The current state. */
    ClientState state();

    /** The {@code welcome} of the current (or last) connection, if one arrived. */
    Optional<ServerFrame.Welcome> welcome();

    /**
     * Creates a room and joins it as its first member.
     *
     * @param room the room id, or null for a generated one
     * @param name the display name
     * @param password the room's password, or null for none
     */
    CompletableFuture<ServerFrame.Joined> create(String room, String name, String password);

    /** Joins a room that has no password. */
    CompletableFuture<ServerFrame.Joined> join(String room, String name);

    /**
     * Joins a room.
     *
     * @param password the room's password, or null
     */
    CompletableFuture<ServerFrame.Joined> join(String room, String name, String password);

    /** Joins a room with a password, a recovery point and/or a resume token. */
    CompletableFuture<ServerFrame.Joined> join(String room, String name, JoinOptions options);

    /** Sends a message with a generated {@code cid}; completes with its {@code ack} (the message's {@code seq}). */
    CompletableFuture<ServerFrame.Ack> send(String room, String text);

    /** Sends a message with the given {@code cid} (1 to 64 characters, unique per room for this member). */
    CompletableFuture<ServerFrame.Ack> send(String room, String text, String cid);

    /** Sends a typing notice; completes when it was written (the server does not reply). */
    CompletableFuture<Void> typing(String room);

    /** Leaves a room. */
    CompletableFuture<ServerFrame.Left> leave(String room);

    /**
     * A page of a room's history, oldest first.
     *
     * @param before only entries with a smaller {@code seq}, or null for the latest
     * @param limit the number of entries, 1 to 100
     */
    CompletableFuture<ServerFrame.History> history(String room, Long before, int limit);

    /** Pings the server. */
    CompletableFuture<ServerFrame.Pong> ping();

    /** The rooms this client is a member of, by room id: an immutable snapshot. */
    Map<String, JoinedRoom> rooms();

    /** Adds a listener (see also {@link ChitChatClientBuilder#listener}, which misses no event). */
    void addListener(ClientListener listener);

    /** Removes a listener; false if it was not registered. */
    boolean removeListener(ClientListener listener);

    /** How the last connection ended, with the raw close code, if one ended. */
    Optional<CloseStatus> lastClose();

    /** Completes when the client is closed for good, with how its last connection ended. Never fails. */
    CompletableFuture<CloseStatus> closed();

    /**
     * Closes the connection with 1000 and stops reconnecting; pending requests fail. Returns at once (see
     * {@link #closed()}); idempotent.
     */
    @Override
    void close();
}
