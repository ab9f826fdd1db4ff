package io.chitchat.spi;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;

/**
 * How entries and ephemeral signals reach every node that has members of a room. The local default serves a
 * single node; a clustered broker (Redis) sequences each entry centrally and delivers it to every node in
 * {@code seq} order.
 *
 * <p>Contract: {@link #sequence} assigns the entry its room-wide {@code seq}, stores it in history (so that
 * recovery finds it), and causes {@link BrokerListener#onEntry} to be called for it on every node, this one
 * included. A node may receive a room's entries late or with gaps (a lost pub/sub message); the engine detects
 * a gap and fills it from the {@link HistoryStore}, so a broker need not guarantee delivery, only order of
 * assignment. Signals ({@link #typing}) are best effort and reach the other nodes only.
 *
 * <p>Thread-safety: implementations must be thread-safe; called from the engine's worker threads, may block
 * for a network round trip. Listener calls may come from any thread.
 */
public interface Broker extends AutoCloseable {

    /** Called once by the engine before any other method. */
    void start(BrokerListener listener);

    /**
     * Sequences, stores and publishes an entry; returns it with its {@code seq}. A clustered broker may decline a
     * leave entry whose member another node already removed (reaped or adopted): it then returns the draft with
     * {@code seq} 0 and publishes nothing. Throws when the entry could not be sequenced (the backend is down).
     */
    Entry sequence(String room, Entry draft);

    /** Tells the other nodes that a member of a room is typing (best effort, not stored). */
    void typing(String room, Member member);

    /**
     * Tells the other nodes that this node adopted a member (resumed here): the node that held it lets it go
     * without a leave entry. A single-node broker has nothing to tell.
     */
    default void memberAdopted(String room, String memberId) {}

    /** Tells the other nodes that the room was removed (its members are dropped with the given reason). */
    void roomRemoved(String room, String reason);

    /**
     * Whether the broker reaches its backend. A degraded node keeps its connections but cannot sequence; its
     * health endpoint reports it so that a load balancer can send new clients elsewhere.
     */
    default boolean healthy() {
        return true;
    }

    /** Stops delivering; called once by the engine on close. */
    @Override
    void close();

    /** The single-node broker: sequences into {@code history} and delivers in this JVM. */
    static Broker local(HistoryStore history) {
        return new LocalBroker(history);
    }
}
