package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A protocol-level test client over any transport: it records every frame received and lets a test wait for
 * the frames it expects. Subclasses connect it to a transport and call {@link #received} and {@link #closed}.
 *
 * <p>Thread-safe: frames may arrive on any thread.
 */
public abstract class TestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong REFS = new AtomicLong();

    private final List<JsonNode> frames = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();
    private int closeCode = -1;

    /** Sends one raw text frame. */
    public abstract void sendRaw(String text);

    /** Closes the connection normally. */
    @Override
    public abstract void close();

    /** Drops the connection abruptly, without a close handshake, if the transport can; else closes it. */
    public abstract void drop();

    protected final synchronized void received(String text) {
        try {
            frames.add(JSON.readTree(text));
        } catch (Exception e) {
            frames.add(JSON.createObjectNode().put("type", "__unparseable__").put("text", text));
        }
        consumed.add(false);
        notifyAll();
    }

    protected final synchronized void closed(int code) {
        if (closeCode == -1) {
            closeCode = code;
        }
        notifyAll();
    }

    /** A new request object {@code {"type": type, "ref": <unique>}}. */
    public static ObjectNode request(String type) {
        return JSON.createObjectNode().put("type", type).put("ref", "r" + REFS.incrementAndGet());
    }

    /** Sends a JSON object. */
    public void send(JsonNode frame) {
        sendRaw(frame.toString());
    }

    /** Sends a request and waits for the reply with the same ref. */
    public JsonNode call(ObjectNode request) {
        send(request);
        String ref = request.get("ref").asText();
        return await(f -> ref.equals(f.path("ref").asText(null)));
    }

    /** Sends a request and asserts that the reply is an error with the given code. */
    public JsonNode expectError(ObjectNode request, String code) {
        JsonNode reply = call(request);
        assertThat(reply.path("type").asText()).as("reply to %s", request).isEqualTo("error");
        assertThat(reply.path("code").asText()).as("error code of reply to %s: %s", request, reply).isEqualTo(code);
        assertThat(reply.path("message").asText()).isNotBlank();
        return reply;
    }

    /** Waits for the next unconsumed frame of this type and consumes it. */
    public JsonNode await(String type) {
        return await(f -> type.equals(f.path("type").asText()));
    }

    /** Waits for the first unconsumed frame that matches and consumes it. */
    public synchronized JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int from = 0;
        while (true) {
            for (int i = from; i < frames.size(); i++) {
                if (!consumed.get(i) && match.test(frames.get(i))) {
                    consumed.set(i, true);
                    return frames.get(i);
                }
            }
            from = 0;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no matching frame within %s; received: %s", TIMEOUT, frames);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** The first unconsumed matching frame arriving within {@code wait}, consumed; null if none. */
    public synchronized JsonNode poll(Predicate<JsonNode> match, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (int i = 0; i < frames.size(); i++) {
                if (!consumed.get(i) && match.test(frames.get(i))) {
                    consumed.set(i, true);
                    return frames.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Asserts that no unconsumed frame matching arrives within {@code wait}. */
    public synchronized void assertNone(Predicate<JsonNode> match, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (int i = 0; i < frames.size(); i++) {
                if (!consumed.get(i) && match.test(frames.get(i))) {
                    fail("unexpected frame %s", frames.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** All frames of a type received so far (consumed or not). */
    public synchronized List<JsonNode> all(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (type.equals(f.path("type").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    /** Waits until the connection is closed and returns the close code. */
    public synchronized int awaitClose() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (closeCode == -1) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("connection not closed within %s", TIMEOUT);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return closeCode;
    }

    public synchronized boolean isClosed() {
        return closeCode != -1;
    }

    // ---------------------------------------------------------------- protocol shortcuts

    /** Creates a room (null id: generated) and returns the {@code joined} reply. */
    public JsonNode create(String room, String name, String password) {
        ObjectNode r = request("create").put("name", name);
        if (room != null) {
            r.put("room", room);
        }
        if (password != null) {
            r.put("password", password);
        }
        return expectType(call(r), "joined");
    }

    public JsonNode create(String room, String name) {
        return create(room, name, null);
    }

    public JsonNode join(String room, String name) {
        return expectType(call(request("join").put("room", room).put("name", name)), "joined");
    }

    public JsonNode join(String room, String name, String password) {
        return expectType(call(request("join").put("room", room).put("name", name).put("password", password)),
                "joined");
    }

    /** Sends a message and returns the {@code ack}. */
    public JsonNode say(String room, String text) {
        return expectType(call(request("send").put("room", room).put("text", text)), "ack");
    }

    public JsonNode leave(String room) {
        return expectType(call(request("leave").put("room", room)), "left");
    }

    /** Waits for the next {@code message} entry of a room. */
    public JsonNode awaitMessage(String room) {
        return await(f -> "message".equals(f.path("type").asText()) && room.equals(f.path("room").asText()));
    }

    /** Waits for the next {@code system} entry of a room with that event. */
    public JsonNode awaitSystem(String room, String event) {
        return await(f -> "system".equals(f.path("type").asText()) && room.equals(f.path("room").asText())
                && event.equals(f.path("event").asText()));
    }

    public static JsonNode expectType(JsonNode reply, String type) {
        assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo(type);
        return reply;
    }
}
