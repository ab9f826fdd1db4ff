package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms a client is a member of, with what it needs to recover them: the last {@code seq} seen, the epoch
 * and the resume token. Drops duplicate entries ({@code seq} not above the last seen) and, while a room is being
 * joined again after a reconnect, holds its live entries back until the {@code joined} reply has delivered the
 * missed ones, so that entries reach the listeners in {@code seq} order.
 *
 * <p>Not thread-safe: confined to the client's event loop, except {@link #snapshot()}, which any thread may call.
 */
final class RoomTracker {

    /** The tracked state of one room. */
    static final class RoomState {
        final String room;
        final String password;
        Member you;
        long lastSeq;
        String epoch;
        String resume;
        boolean rejoining;
        List<Entry> held = new ArrayList<>();

        RoomState(String room, String password) {
            this.room = room;
            this.password = password;
        }

        JoinedRoom snapshot() {
            return new JoinedRoom(room, you, lastSeq, epoch, resume);
        }
    }

    private final Map<String, RoomState> rooms = new LinkedHashMap<>();
    private final ConcurrentHashMap<String, JoinedRoom> published = new ConcurrentHashMap<>();

    /** The client joined a room at its own request: entries up to {@code joined.seq()} count as seen. */
    void joined(ServerFrame.Joined joined, String password) {
        RoomState s = new RoomState(joined.room(), password);
        s.you = joined.you();
        s.lastSeq = joined.seq();
        s.epoch = epoch(joined);
        s.resume = joined.resume();
        rooms.put(s.room, s);
        publish(s);
    }

    /** Marks every room for a re-join and returns them; entries held from an earlier attempt are dropped. */
    List<RoomState> startRejoin() {
        for (RoomState s : rooms.values()) {
            s.rejoining = true;
            s.held.clear();
        }
        return new ArrayList<>(rooms.values());
    }

    /** The {@code join} that recovers a room after a reconnect. */
    static ClientFrame.Join rejoinFrame(RoomState s, String ref) {
        return new ClientFrame.Join(ref, s.room, s.you.name(), s.password, s.lastSeq, s.epoch, s.resume);
    }

    /**
     * The reply to a re-join: returns the entries to deliver, in {@code seq} order: those of the reply's history
     * that are newer than the last seen, then the live entries held back meanwhile. A new epoch means the room's
     * sequence restarted: everything in the reply is new.
     */
    List<Entry> rejoined(ServerFrame.Joined joined) {
        RoomState s = rooms.get(joined.room());
        if (s == null) {
            joined(joined, null);
            return List.of();
        }
        String epoch = epoch(joined);
        if (!Objects.equals(s.epoch, epoch)) {
            s.lastSeq = 0;
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : joined.history()) {
            take(s, e, out);
        }
        s.lastSeq = Math.max(s.lastSeq, joined.seq());
        for (Entry e : s.held) {
            take(s, e, out);
        }
        s.held.clear();
        s.rejoining = false;
        s.you = joined.you();
        s.epoch = epoch;
        s.resume = joined.resume();
        publish(s);
        return out;
    }

    /**
     * Whether a live entry is to be delivered now: false for a duplicate, and for an entry held back while its
     * room is being joined again. Entries of rooms not tracked (a join still under way) pass.
     */
    boolean accept(Entry e) {
        RoomState s = rooms.get(e.room());
        if (s == null) {
            return true;
        }
        if (s.rejoining) {
            s.held.add(e);
            return false;
        }
        if (e.seq() <= s.lastSeq) {
            return false;
        }
        s.lastSeq = e.seq();
        publish(s);
        return true;
    }

    /** Stops tracking a room; returns whether it was tracked. */
    boolean remove(String room) {
        published.remove(room);
        return rooms.remove(room) != null;
    }

    void clear() {
        rooms.clear();
        published.clear();
    }

    RoomState get(String room) {
        return rooms.get(room);
    }

    /** An immutable copy of the tracked rooms; any thread. */
    Map<String, JoinedRoom> snapshot() {
        return Map.copyOf(published);
    }

    private static void take(RoomState s, Entry e, List<Entry> out) {
        if (e.seq() > s.lastSeq) {
            out.add(e);
            s.lastSeq = e.seq();
        }
    }

    private void publish(RoomState s) {
        published.put(s.room, s.snapshot());
    }

    /** The codec reads an absent epoch as ""; no epoch is better sent as none. */
    private static String epoch(ServerFrame.Joined joined) {
        String e = joined.epoch();
        return e == null || e.isEmpty() ? null : e;
    }
}
