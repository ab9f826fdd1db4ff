package io.chitchat.testkit;

import io.chitchat.ChitChat;
import io.chitchat.memory.InMemoryClient;
import io.chitchat.memory.InMemoryTransport;
import io.chitchat.spi.Handshake;

/** A {@link TestClient} over the in-memory transport. */
public final class InMemoryTestClient extends TestClient {
    private final InMemoryClient client;

    public InMemoryTestClient(ChitChat chat) {
        this(chat, Handshake.of("in-memory"));
    }

    public InMemoryTestClient(ChitChat chat, Handshake handshake) {
        client = InMemoryTransport.connect(chat, handshake, this::received);
        Thread watcher = new Thread(() -> {
            try {
                client.awaitClose(java.time.Duration.ofDays(1));
                closed(client.closeCode());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "in-memory-close-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The underlying in-memory client (pause/resume to simulate a client that does not read). */
    public InMemoryClient client() {
        return client;
    }

    @Override
    public void sendRaw(String text) {
        client.send(text);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public void drop() {
        client.drop();
    }
}
