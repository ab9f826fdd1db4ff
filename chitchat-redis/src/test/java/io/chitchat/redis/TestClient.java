package io.chitchat.redis;

import io.chitchat.ChitChat;
import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.memory.InMemoryClient;
import io.chitchat.memory.InMemoryTransport;
import io.chitchat.spi.Handshake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A client of an engine over core's in-memory transport, with helpers: frames from the engine are decoded and kept;
 * requests are encoded and sent. One thread drives a client at a time. A light client (load tests) keeps only a
 * small parsed form of entries and skips presence and typing frames.
 */
final class TestClient {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<ServerFrame> frames = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger refs = new AtomicInteger();
    private final boolean light;
    private volatile InMemoryClient client;

    private TestClient(boolean light) {
        this.light = light;
    }

    /** Opens a connection to the engine. */
    static TestClient connect(ChitChat chat) {
        return connect(chat, false);
    }

    static TestClient connect(ChitChat chat, boolean light) {
        TestClient c = new TestClient(light);
        Handshake handshake = Handshake.of("10.0." + ADDRESSES.incrementAndGet() % 250 + ".1");
        c.client = InMemoryTransport.connect(chat, handshake, c::onFrame);
        return c;
    }

    private void onFrame(String text) {
        // the in-memory client queues every frame too; this copy is the one the helpers read
        InMemoryClient c = client;
        if (c != null) {
            c.drain();
        }
        if (light && (text.startsWith("{\"type\":\"message\"") || text.startsWith("{\"type\":\"system\""))) {
            Received r = Received.parse(text, System.currentTimeMillis());
            synchronized (received) {
                received.add(r);
            }
        } else if (!light || !text.startsWith("{\"type\":\"presence\"")
                && !text.startsWith("{\"type\":\"typing\"")) {
            ServerFrame f = CODEC.decodeServer(text);
            synchronized (frames) {
                frames.add(f);
            }
        }
    }

    /** The connection goes away without a close handshake (1006). */
    void drop() {
        client.drop();
    }

    boolean isClosed() {
        return client.isClosed();
    }

    // ---------------------------------------------------------------- requests

    String nextRef() {
        return "r" + refs.incrementAndGet();
    }

    void request(ClientFrame frame) {
        client.send(CODEC.encode(frame));
    }

    /** Sends a request and waits for the reply with its ref. */
    ServerFrame call(ClientFrame frame) {
        request(frame);
        String ref = frame.ref();
        return await(ServerFrame.class, f -> ref.equals(refOf(f)));
    }

    ServerFrame.Joined create(String room, String name) {
        return create(room, name, null);
    }

    ServerFrame.Joined create(String room, String name, String password) {
        return expect(ServerFrame.Joined.class, call(new ClientFrame.Create(nextRef(), room, name, password)));
    }

    ServerFrame.Joined join(String room, String name) {
        return expect(ServerFrame.Joined.class, call(new ClientFrame.Join(nextRef(), room, name, null, null, null,
                null)));
    }

    ServerFrame joinFrame(ClientFrame.Join join) {
        return call(join);
    }

    ServerFrame.Ack send(String room, String text) {
        return expect(ServerFrame.Ack.class, call(new ClientFrame.Send(nextRef(), room, text, null)));
    }

    /** Sends without waiting for the ack. */
    void post(String room, String text) {
        request(new ClientFrame.Send(nextRef(), room, text, null));
    }

    static <T extends ServerFrame> T expect(Class<T> type, ServerFrame reply) {
        if (!type.isInstance(reply)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + reply);
        }
        return type.cast(reply);
    }

    // ---------------------------------------------------------------- frames

    List<ServerFrame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    <T extends ServerFrame> List<T> frames(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ServerFrame f : frames()) {
            if (type.isInstance(f)) {
                out.add(type.cast(f));
            }
        }
        return out;
    }

    /** The entries of a room this client received as broadcasts (not those carried by joined). */
    List<Entry> entries(String room) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : frames(Entry.class)) {
            if (e.room().equals(room)) {
                out.add(e);
            }
        }
        return out;
    }

    <T extends ServerFrame> Optional<T> find(Class<T> type, Predicate<T> match) {
        for (ServerFrame f : frames()) {
            if (type.isInstance(f) && match.test(type.cast(f))) {
                return Optional.of(type.cast(f));
            }
        }
        return Optional.empty();
    }

    <T extends ServerFrame> T await(Class<T> type, Predicate<T> match) {
        return await(type, match, TIMEOUT);
    }

    <T extends ServerFrame> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> find(type, match), Optional::isPresent).get();
    }

    /** Entries a light client received, parsed just enough for a load test. */
    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    /** What a load test needs of an entry: where, which, when sent, from whom, and when it arrived. */
    record Received(String room, long seq, long ts, String fromId, boolean message, long arrivedAt) {
        static Received parse(String json, long arrivedAt) {
            boolean message = json.startsWith("{\"type\":\"message\"");
            return new Received(string(json, "\"room\":\""), number(json, "\"seq\":"), number(json, "\"ts\":"),
                    string(json, "\"id\":\""), message, arrivedAt);
        }

        private static String string(String json, String field) {
            int from = json.indexOf(field) + field.length();
            return json.substring(from, json.indexOf('"', from));
        }

        private static long number(String json, String field) {
            int from = json.indexOf(field) + field.length();
            int to = from;
            while (Character.isDigit(json.charAt(to))) {
                to++;
            }
            return Long.parseLong(json, from, to, 10);
        }
    }

    void clear() {
        synchronized (frames) {
            frames.clear();
        }
    }

    private static String refOf(ServerFrame f) {
        if (f instanceof ServerFrame.Joined j) {
            return j.ref();
        }
        if (f instanceof ServerFrame.Ack a) {
            return a.ref();
        }
        if (f instanceof ServerFrame.Error e) {
            return e.ref();
        }
        if (f instanceof ServerFrame.Left l) {
            return l.ref();
        }
        if (f instanceof ServerFrame.History h) {
            return h.ref();
        }
        if (f instanceof ServerFrame.Pong p) {
            return p.ref();
        }
        return null;
    }
}
