package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import io.chitchat.spi.HistoryStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Broker}: sequencing stores the entry in history and delivers it, in {@code seq}
 * order, to the listener of the node that sequenced it. An implementation's test extends this class.
 */
public abstract class BrokerContractTest {
    private static final AtomicInteger ROOMS = new AtomicInteger();

    /** A broker and the history store it sequences into. */
    public record Node(Broker broker, HistoryStore history) {}

    /** A fresh node (for clustered brokers: a new node of the same cluster each call). */
    protected abstract Node newNode();

    protected final List<Broker> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeBrokers() {
        started.forEach(Broker::close);
    }

    protected static String room() {
        return "broker-room-" + ROOMS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }

    protected Recorder start(Node node) {
        Recorder r = new Recorder();
        node.broker().start(r);
        started.add(node.broker());
        return r;
    }

    @Test
    void sequence_entries_storedInHistoryAndDeliveredInOrder() {
        Node node = newNode();
        Recorder rec = start(node);
        String room = room();
        for (int i = 0; i < 20; i++) {
            Entry e = node.broker().sequence(room,
                    new Entry.Message(room, 0, 1L, new Member("m", "A"), "t" + i, "c" + i));
            assertThat(e.seq()).isEqualTo(i + 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rec.entries(room).size() == 20);
        assertThat(rec.entries(room)).extracting(Entry::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(node.history().after(room, 0, 100)).containsExactlyElementsOf(rec.entries(room));
    }

    @Test
    void sequence_systemEntry_roundTrips() {
        Node node = newNode();
        Recorder rec = start(node);
        String room = room();
        Entry e = node.broker().sequence(room, new Entry.SystemEvent(room, 0, 9L, "leave", new Member("i", "N")));
        await().atMost(Duration.ofSeconds(10)).until(() -> rec.entries(room).size() == 1);
        assertThat(rec.entries(room).get(0)).isEqualTo(e);
        assertThat(e).isEqualTo(new Entry.SystemEvent(room, 1, 9L, "leave", new Member("i", "N")));
    }

    /** Records what a broker delivers. */
    protected static final class Recorder implements BrokerListener {
        final List<Entry> entries = new CopyOnWriteArrayList<>();
        final List<String> typing = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        final AtomicInteger resyncs = new AtomicInteger();

        public List<Entry> entries(String room) {
            return entries.stream().filter(e -> e.room().equals(room)).toList();
        }

        @Override
        public void onEntry(Entry entry) {
            entries.add(entry);
        }

        @Override
        public void onTyping(String room, Member member) {
            typing.add(room + ":" + member.name());
        }

        @Override
        public void onRoomRemoved(String room, String reason) {
            removed.add(room);
        }

        @Override
        public void onResync() {
            resyncs.incrementAndGet();
        }
    }
}
