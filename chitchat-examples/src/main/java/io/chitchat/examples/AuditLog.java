package io.chitchat.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chitchat.ChitChat;
import io.chitchat.ChitChatListener;
import io.chitchat.RoomInfo;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit log of every room's life: rooms created and removed, members joining and leaving (with why), and
 * messages, one JSON object per line, appended to a file:
 * <pre>{"ts":"2026-01-02T12:00:00Z","event":"message","room":"lobby","seq":4,"member":{"id":"...","name":"Ada"},"text":"hi"}</pre>
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.AuditLog [--port 8080] [--file chitchat-audit.jsonl]</pre>
 *
 * <p>The engine calls listeners on the thread that owns the room, which must never wait for a disk: events are
 * handed to one writer thread through a bounded queue. If the disk cannot keep up and the queue is full, events are
 * dropped and counted ({@link #dropped()}) rather than slowing the chat down. The log holds what people wrote:
 * protect the file like the conversations themselves.
 *
 * <p>Thread-safe.
 */
public final class AuditLog implements ChitChatListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int QUEUE = 10_000;

    private final BufferedWriter file;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();

    private AuditLog(BufferedWriter file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "audit-log");
            t.setDaemon(true);
            return t;
        });
    }

    /** Appends to {@code path} (created if missing); {@code clock} stamps joins, leaves and room events. */
    public static AuditLog open(Path path, Clock clock) throws IOException {
        return new AuditLog(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), clock);
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(ExampleArgs.option(args, "--file", "chitchat-audit.jsonl"));
        // tag::register[]
        AuditLog audit = AuditLog.open(path, Clock.systemUTC());
        ChitChat chat = ChitChat.builder().listener(audit).build();
        // end::register[]
        ChitChatServer server = ChitChatServer.builder(chat).port(ExampleArgs.port(args)).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            audit.close();
        }, "shutdown"));
        System.out.println("ChitChat at " + server.uri() + ", audit log in " + path.toAbsolutePath());
    }

    // tag::events[]
    @Override
    public void memberJoined(String roomId, Member member) {
        write(event(now(), "join", roomId).putPOJO("member", member));
    }

    @Override
    public void memberLeft(String roomId, Member member, String reason) {
        write(event(now(), "leave", roomId).putPOJO("member", member).put("reason", reason));
    }

    @Override
    public void messageSequenced(Entry.Message m) {
        write(event(Instant.ofEpochMilli(m.ts()), "message", m.room()).put("seq", m.seq()).putPOJO("member", m.from())
                .put("text", m.text()));
    }
    // end::events[]

    @Override
    public void roomCreated(RoomInfo room) {
        write(event(now(), "room_created", room.id()).put("protected", room.isProtected()));
    }

    @Override
    public void roomRemoved(String roomId) {
        write(event(now(), "room_removed", roomId));
    }

    /** Events lost because the writer could not keep up (or came after {@link #close()}). */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Audit log: queued events not written within 10 s");
            }
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis()); // the precision of the engine's own timestamps
    }

    private static ObjectNode event(Instant ts, String event, String room) {
        return JSON.createObjectNode().put("ts", ts.toString()).put("event", event).put("room", room);
    }

    private void write(ObjectNode event) {
        try {
            writer.execute(() -> {
                try {
                    file.write(event.toString());
                    file.newLine();
                    file.flush();
                } catch (IOException e) {
                    LOG.error("Audit log: could not write an event of room {}", event.path("room").asText(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("Audit log: writer behind or closed, {} events dropped so far", dropped.get());
            }
        }
    }
}
