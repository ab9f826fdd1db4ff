package io.chitchat.spi;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;

/** Single node: sequencing is an append to the history store, delivery a direct call. */
final class LocalBroker implements Broker {
    private final HistoryStore history;
    private volatile BrokerListener listener;

    LocalBroker(HistoryStore history) {
        this.history = history;
    }

    @Override
    public void start(BrokerListener listener) {
        this.listener = listener;
    }

    @Override
    public Entry sequence(String room, Entry draft) {
        Entry entry = history.append(room, draft);
        listener.onEntry(entry);
        return entry;
    }

    @Override
    public void typing(String room, Member member) {
        // no other node
    }

    @Override
    public void roomRemoved(String room, String reason) {
        // no other node
    }

    @Override
    public void close() {
        listener = null;
    }
}
