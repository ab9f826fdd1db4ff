package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.HistoryStore;
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
    private final FlakyHistory history = new FlakyHistory(HistoryStore.inMemory(200));
    private DroppingBroker broker;
    private final List<String> wire = new ArrayList<>();
    private ChitChat chat;

    @BeforeEach
    void start() {
        chat = ChitChat.builder().executor(executor).sendRate(10_000, 10_000).historyStore(history)
                .broker(h -> broker = new DroppingBroker(Broker.local(h)))
                .passwordHasher(PasswordHasher.pbkdf2(1_000)).presenceInterval(Duration.ofHours(1)).build().start();
    }

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void fanOut_singleEntry_oneSendPerMemberNoBatch() {
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
    void fanOut_entriesArrivingTogether_oneFlushedBatchPerMemberInTurn() {
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
    void fanOut_memberJoinedBeforeFanOut_getsOnlyEntriesAfterItsJoin() {
        Recorder a = member("a", "create", "Alice");
        Recorder b = member("b", "join", "Bob");
        Recorder d = connect("d");
        wire.clear();

        a.request("send", "\"text\":\"before\"");
        d.request("join", "\"name\":\"Dave\"");
        a.request("send", "\"text\":\"after\"");
        executor.runNext(3); // both sends and the start of Dave's join
        b.request("send", "\"text\":\"later\""); // queued behind the rest of Dave's join: sequenced after it
        executor.runAll();

        // the batch of "before", "after" and Dave's join goes out when Dave is already a local member, but his
        // joined reply holds those entries, so the batch skips him; "later" (after his join) reaches him
        assertThat(wire).containsSubsequence("d send:joined", "b batch:message", "b flush", "b send:message");
        assertThat(d.first("joined").path("history").findValuesAsText("text")).containsExactly("before", "after");
        assertThat(d.texts()).containsExactly("later");
        assertThat(wire).filteredOn(e -> e.startsWith("d ")).containsExactly("d send:joined", "d send:message");
        assertThat(b.texts()).containsExactly("before", "after", "later");
        assertThat(b.systemEvents()).containsExactly("join Dave");
    }

    @Test
    void drain_gapAndHistoryFailing_entryStillDeliveredAndLaterEntriesFlow() {
        // a node that missed an entry on the broker reads it from history; when history fails, the entry in hand
        // still goes out (members recover the missing one with since) and the room keeps delivering
        Recorder a = member("a", "create", "Alice");
        Recorder b = member("b", "join", "Bob");
        history.failNextRead = true;
        broker.drop = "lost";

        a.request("send", "\"text\":\"lost\"");
        a.request("send", "\"text\":\"next\"");
        executor.runAll();
        assertThat(history.failedReads).isEqualTo(1);
        assertThat(b.texts()).containsExactly("next");

        a.request("send", "\"text\":\"third\"");
        executor.runAll();
        assertThat(b.texts()).containsExactly("next", "third");
        assertThat(a.texts()).containsExactly("next", "third");
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

        void runNext(int n) {
            for (int i = 0; i < n; i++) {
                next().run();
            }
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }
    }

    /** History whose next read of missed entries fails once when asked to (a store that is briefly down). */
    private static final class FlakyHistory implements HistoryStore {
        private final HistoryStore delegate;
        volatile boolean failNextRead;
        volatile int failedReads;

        FlakyHistory(HistoryStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Entry append(String room, Entry draft) {
            return delegate.append(room, draft);
        }

        @Override
        public List<Entry> after(String room, long afterSeq, int limit) {
            if (failNextRead) {
                failNextRead = false;
                failedReads++;
                throw new IllegalStateException("history store unavailable (test)");
            }
            return delegate.after(room, afterSeq, limit);
        }

        @Override
        public List<Entry> before(String room, long beforeSeq, int limit) {
            return delegate.before(room, beforeSeq, limit);
        }

        @Override
        public long lastSeq(String room) {
            return delegate.lastSeq(room);
        }

        @Override
        public long firstSeq(String room) {
            return delegate.firstSeq(room);
        }

        @Override
        public void clear(String room) {
            delegate.clear(room);
        }
    }

    /** The local broker, except that it loses the message with a given text on its way to this node. */
    private static final class DroppingBroker implements Broker {
        private final Broker delegate;
        volatile String drop;

        DroppingBroker(Broker delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(BrokerListener listener) {
            delegate.start(new BrokerListener() {
                @Override
                public void onEntry(Entry entry) {
                    if (!(entry instanceof Entry.Message m && m.text().equals(drop))) {
                        listener.onEntry(entry);
                    }
                }

                @Override
                public void onTyping(String room, Member member) {
                    listener.onTyping(room, member);
                }

                @Override
                public void onRoomRemoved(String room, String reason) {
                    listener.onRoomRemoved(room, reason);
                }

                @Override
                public void onResync() {
                    listener.onResync();
                }
            });
        }

        @Override
        public Entry sequence(String room, Entry draft) {
            return delegate.sequence(room, draft);
        }

        @Override
        public void typing(String room, Member member) {
            delegate.typing(room, member);
        }

        @Override
        public void roomRemoved(String room, String reason) {
            delegate.roomRemoved(room, reason);
        }

        @Override
        public void close() {
            delegate.close();
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
