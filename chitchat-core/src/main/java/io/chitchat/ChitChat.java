package io.chitchat;

import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.TransportConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A ChitChat engine: rooms, presence, passwords, limits, history and protocol v1, independent of any transport.
 * Built with {@link #builder()}; holds all its state (several engines in one JVM do not interfere).
 *
 * <pre>{@code
 * ChitChat chat = ChitChat.builder().gracePeriod(Duration.ofSeconds(10)).build().start();
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public interface ChitChat extends AutoCloseable {

    /** A builder with the documented defaults. */
    static ChitChatBuilder builder() {
        return new ChitChatBuilder();
    }

    /** Starts the engine (idempotent) and returns it. Connections are refused before. */
    ChitChat start();

    /** Closes every connection with 1001 and stops the engine's threads. Idempotent. */
    @Override
    void close();

    /** The immutable configuration. */
    ChitChatConfig config();

    /** Whether the engine is started and not closed. */
    boolean isRunning();

    // ---------------------------------------------------------------- transports

    /**
     * Opens a connection made by a transport: authenticates it, sends {@code welcome}, and returns the handler
     * to which the transport feeds the connection's frames. Never blocks.
     */
    InboundHandler open(TransportConnection connection);

    // ---------------------------------------------------------------- server API

    /** All rooms with their member counts. */
    List<RoomInfo> rooms();

    /** One room, if it exists. */
    Optional<RoomInfo> room(String id);

    /**
     * Creates a room (no member joins it). Completes exceptionally with {@link ChitChatException}
     * ({@code invalid_room}, {@code invalid_password}, {@code room_exists}, {@code limit_reached}).
     */
    CompletableFuture<RoomInfo> createRoom(RoomOptions options);

    /** Posts a message as a named bot (not a member); completes with its {@code seq}. */
    CompletableFuture<Long> post(String roomId, String botName, String text);

    /** Posts a notice from the server (a message from the member {@code {"id":"system","name":"System"}}). */
    CompletableFuture<Long> notice(String roomId, String text);

    /** Closes a room: its members receive {@code left} with reason {@code room_closed}; false if it did not exist. */
    CompletableFuture<Boolean> closeRoom(String roomId);

    /** Removes a member from a room ({@code left} with reason {@code kicked}); false if not present here. */
    CompletableFuture<Boolean> removeMember(String roomId, String memberId);

    /** Registers a listener; closing the returned handle removes it. */
    AutoCloseable addListener(ChitChatListener listener);

    /** A snapshot of the engine's load. */
    Stats stats();
}
