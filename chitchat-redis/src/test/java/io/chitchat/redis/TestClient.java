package io.chitchat.redis;

import io.chitchat.ChitChat;
import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A client connected to an engine through the {@code open(TransportConnection)} SPI, without a network: frames
 * from the engine are decoded and kept; requests are encoded and fed to the engine's handler. One thread drives a
 * client at a time.
 */
final class TestClient implements TransportConnection {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<ServerFrame> frames = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final Handshake handshake = Handshake.of("10.0.0." + ADDRESSES.incrementAndGet() % 250);
    private final AtomicInteger refs = new AtomicInteger();
    private final boolean light;
    private volatile InboundHandler handler;
    private volatile Integer closeCode;

    private TestClient(boolean light) {
        this.light = light;
    }

    /** Opens a connection to the engine. */
    static TestClient connect(ChitChat chat) {
        return connect(chat, false);
    }

    /** A light client keeps only entries, replies and errors (load tests). */
    static TestClient connect(ChitChat chat, boolean light) {
        TestClient c = new TestClient(light);
        c.handler = chat.open(c);
        return c;
    }

    // ---------------------------------------------------------------- TransportConnection

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public void send(OutboundFrame frame, SendCallback callback) {
        if (closeCode != null) {
            callback.completed(new IOException("closed"));
            return;
        }
        String text = frame.text();
        if (light && (text.startsWith("{\"type\":\"message\"") || text.startsWith("{\"type\":\"system\""))) {
            Received r = Received.parse(text, System.currentTimeMillis());
            synchronized (received) {
                received.add(r);
            }
        } else if (!light || !text.startsWith("{\"type\":\"presence\"") && !text.startsWith("{\"type\":\"typing\"")) {
            ServerFrame f = CODEC.decodeServer(text);
            synchronized (frames) {
                frames.add(f);
            }
        }
        callback.completed(null);
    }

    @Override
    public void close(int code, String reason) {
        drop(code);
    }

    /** The connection goes away (1006 without a close frame). */
    void drop() {
        drop(1006);
    }

    private void drop(int code) {
        if (closeCode == null) {
            closeCode = code;
            InboundHandler h = handler;
            if (h != null) {
                h.onClose(code);
            }
        }
    }

    boolean isClosed() {
        return closeCode != null;
    }

    // ---------------------------------------------------------------- requests

    String nextRef() {
        return "r" + refs.incrementAndGet();
    }

    void request(ClientFrame frame) {
        handler.onText(CODEC.encode(frame));
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
