package io.chitchat.spi;

import io.chitchat.protocol.Entry;
import java.util.List;

/**
 * The retained entries of each room, and the source of their sequence numbers.
 *
 * <p>Thread-safety: implementations must be thread-safe. The engine calls them from its worker threads (never
 * from a transport thread); a networked implementation may block for a round trip.
 */
public interface HistoryStore {

    /**
     * Assigns the room's next sequence number to {@code draft} (its own {@code seq} is ignored), stores the
     * entry, drops entries beyond the retention length, and returns the sequenced entry. Sequence numbers of a
     * room start at 1 and increase by exactly 1 per appended entry, atomically across every caller.
     */
    Entry append(String room, Entry draft);

    /** Retained entries with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    List<Entry> after(String room, long afterSeq, int limit);

    /** The latest retained entries with {@code seq < beforeSeq}, oldest first, at most {@code limit}. */
    List<Entry> before(String room, long beforeSeq, int limit);

    /** The room's latest sequence number, 0 when it has none. */
    long lastSeq(String room);

    /** The oldest retained sequence number, or {@code lastSeq + 1} when nothing is retained. */
    long firstSeq(String room);

    /** Forgets the room's entries and restarts its sequence at 1 (the room was removed). */
    void clear(String room);

    /** Keeps the latest {@code retain} entries of each room, in this JVM's memory. */
    static HistoryStore inMemory(int retain) {
        return new InMemoryHistoryStore(retain);
    }
}
