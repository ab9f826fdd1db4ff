package io.chitchat.memory;

import io.chitchat.ChitChat;
import io.chitchat.spi.Handshake;
import java.util.function.Consumer;

/**
 * Connects clients to an engine inside the JVM, through the same SPI every other transport uses. For tests,
 * bots and examples.
 *
 * <pre>{@code
 * InMemoryClient client = InMemoryTransport.connect(chat, frame -> System.out.println(frame));
 * client.send("{\"type\":\"create\",\"name\":\"Alice\"}");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryTransport {
    private InMemoryTransport() {}

    /** Connects an anonymous client from {@code "in-memory"}; received frames are queued in the client. */
    public static InMemoryClient connect(ChitChat chat) {
        return connect(chat, Handshake.of("in-memory"), null);
    }

    /** Connects a client whose received frames (JSON texts) are also passed to {@code onFrame}. */
    public static InMemoryClient connect(ChitChat chat, Consumer<String> onFrame) {
        return connect(chat, Handshake.of("in-memory"), onFrame);
    }

    /** Connects a client with the given handshake (headers, cookies, query, address). */
    public static InMemoryClient connect(ChitChat chat, Handshake handshake, Consumer<String> onFrame) {
        InMemoryClient client = new InMemoryClient(handshake, onFrame);
        client.attach(chat.open(client.connection()));
        return client;
    }
}
