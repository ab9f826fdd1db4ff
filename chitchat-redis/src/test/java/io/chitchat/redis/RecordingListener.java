package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.BrokerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A broker listener that records what arrives. */
final class RecordingListener implements BrokerListener {
    final List<Entry> entries = new ArrayList<>();
    final List<String> typing = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();

    @Override
    public synchronized void onEntry(Entry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized void onTyping(String room, Member member) {
        typing.add(room + ":" + member.name());
    }

    @Override
    public synchronized void onRoomRemoved(String room, String reason) {
        removed.add(room + ":" + reason);
    }

    @Override
    public void onResync() {
        resyncs.incrementAndGet();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized List<Long> seqs(String room) {
        return entries.stream().filter(e -> e.room().equals(room)).map(Entry::seq).toList();
    }

    synchronized List<String> typing() {
        return List.copyOf(typing);
    }

    synchronized List<String> removed() {
        return List.copyOf(removed);
    }
}
