package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the fan-out hands frames to the transport: one entry is one plain send per member; several entries that
 * arrived while the room was busy are one batch per member, flushed before the next member, and each member gets
 * only the entries after its own join. The engine runs on an executor the test drives, so batches are exact.
 */
class FanOutBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> wire = new ArrayList<>();
    private ChitChat chat;

    @BeforeEach
    void start() {
        chat = ChitChat.builder().executor(executor).sendRate(10_000, 10_000)
                .passwordHasher(PasswordHasher.pbkdf2(1_000)).presenceInterval(Duration.ofHours(1)).build().start();
    }

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void singleEntry_oneSendPerMember_noBatch() {
        Recorder a = member("a", "create", "Alice");
        Recorder b = member("b", "join", "Bob");
        wire.clear();

        a.request("send", "\"text\":\"hello\"");
        executor.runAll();

        assertThat(wire).filteredOn(e -> e.contains(":message")).containsExactlyInAnyOrder("a send:message", "b send:message");
        assertThat(wire).noneMatch(e -> e.contains("batch") || e.contains("flush"));
        assertThat(b.texts()).containsExactly("hello");
    }

    @Test
    void entriesArrivingTogether_oneFlushedBatchPerMember_memberByMember() {
        Recorder a = member("a", "create", "Alice");
        Recorder b = member("b", "join", "Bob");
        Recorder c = member("c", "join", "Carol");
        wire.clear();

        for (int i = 1; i <= 3; i++) {
            a.request("send", "\"text\":\"m" + i + "\"");
        }
        executor.runAll();

        for (Recorder r : List.of(a, b, c)) {
            assertThat(r.texts()).containsExactly("m1", "m2", "m3");
        }
        // every member's batch is complete and flushed before the next member's begins
        List<String> fanOut = wire.stream().filter(e -> e.contains(":message") || e.endsWith("flush")).toList();
        assertThat(fanOut).hasSize(12);
        for (int m = 0; m < 3; m++) {
            List<String> one = fanOut.subList(m * 4, m * 4 + 4);
            String who = one.get(0).substring(0, 1);
            assertThat(one).containsExactly(who + " batch:message", who + " batch:message", who + " batch:message",
                    who + " flush");
        }
    }

    @Test
    void memberJoiningBeforeFanOut_skipsEntriesItsJoinedReplyCarried() {
        Recorder a = member("a", "create", "Alice");
        Recorder b = member("b", "join", "Bob");
        Recorder d = connect("d");
        wire.clear();

        a.request("send", "\"text\":\"before\"");
        d.request("join", "\"name\":\"Dave\"");
        a.request("send", "\"text\":\"after\"");
        executor.runAll();

        // Dave's join was handled after both sends but before the fan-out of the three entries: his joined reply
        // carries all of them, and the batch (which he is already a local member for) skips every one of them
        assertThat(wire).containsSubsequence("d send:joined", "b batch:message");
        assertThat(wire).noneMatch(e -> e.startsWith("d batch") || e.startsWith("d send:message"));
        assertThat(d.first("joined").path("history").findValuesAsText("text")).containsExactly("before", "after");
        assertThat(d.texts()).isEmpty();
        assertThat(b.texts()).containsExactly("before", "after");
        assertThat(b.systemEvents()).containsExactly("join Dave");
    }

    private Recorder member(String id, String how, String name) {
        Recorder r = connect(id);
        r.request(how, "\"name\":\"" + name + "\"");
        executor.runAll();
        assertThat(r.first("joined")).as("%s joined", name).isNotNull();
        return r;
    }

    private Recorder connect(String id) {
        Recorder r = new Recorder(id);
        r.handler = chat.open(r);
        executor.runAll();
        return r;
    }

    /** Runs submitted tasks only when the test says so, in order, on the test's thread. */
    private static final class ManualExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = next(); task != null; task = next()) {
                task.run();
            }
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }
    }

    /** A connection that records every frame handed to it, and how, in the shared {@link #wire} log. */
    private final class Recorder implements TransportConnection {
        private final String id;
        private final List<JsonNode> frames = new ArrayList<>();
        private InboundHandler handler;
        private int refs;

        Recorder(String id) {
            this.id = id;
        }

        void request(String type, String fields) {
            handler.onText("{\"type\":\"" + type + "\",\"ref\":\"" + id + ++refs + "\",\"room\":\"fan\","
                    + fields + "}");
        }

        JsonNode first(String type) {
            return frames.stream().filter(f -> f.path("type").asText().equals(type)).findFirst().orElse(null);
        }

        List<String> texts() {
            return frames.stream().filter(f -> f.path("type").asText().equals("message"))
                    .map(f -> f.path("text").asText()).toList();
        }

        List<String> systemEvents() {
            return frames.stream().filter(f -> f.path("type").asText().equals("system"))
                    .map(f -> f.path("event").asText() + " " + f.path("member").path("name").asText()).toList();
        }

        @Override
        public Handshake handshake() {
            return Handshake.of("10.0.0." + id.charAt(0) % 250);
        }

        @Override
        public void send(OutboundFrame frame, SendCallback callback) {
            log("send", frame, callback);
        }

        @Override
        public void sendBatched(OutboundFrame frame, SendCallback callback) {
            log("batch", frame, callback);
        }

        @Override
        public void flush() {
            wire.add(id + " flush");
        }

        private void log(String how, OutboundFrame frame, SendCallback callback) {
            try {
                JsonNode json = JSON.readTree(frame.text());
                frames.add(json);
                wire.add(id + " " + how + ":" + json.path("type").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            callback.completed(null);
        }

        @Override
        public void close(int code, String reason) {
            wire.add(id + " close:" + code);
        }
    }
}
