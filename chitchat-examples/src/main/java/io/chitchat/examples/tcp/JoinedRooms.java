package io.chitchat.examples.tcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rooms a person's connection is in, and the one their text lines go to (the room joined last, until they
 * pick another with {@code /room}). Updated from the {@code joined} and {@code left} frames the connection
 * renders; read when a line is turned into a request.
 *
 * <p>Thread-safe: the connection's writer thread updates it, its reader thread reads it.
 */
final class JoinedRooms {
    private final Set<String> rooms = new LinkedHashSet<>();
    private String current;

    synchronized void joined(String room) {
        rooms.add(room);
        current = room;
    }

    synchronized void left(String room) {
        rooms.remove(room);
        if (room.equals(current)) {
            current = rooms.isEmpty() ? null : List.copyOf(rooms).get(rooms.size() - 1);
        }
    }

    /** Makes {@code room} the current room; false if the connection is not in it. */
    synchronized boolean focus(String room) {
        if (!rooms.contains(room)) {
            return false;
        }
        current = room;
        return true;
    }

    /** The room text lines go to, or null when the connection is in none. */
    synchronized String current() {
        return current;
    }

    synchronized List<String> all() {
        return new ArrayList<>(rooms);
    }
}
