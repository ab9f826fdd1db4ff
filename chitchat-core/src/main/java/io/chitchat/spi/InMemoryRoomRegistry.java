package io.chitchat.spi;

import io.chitchat.protocol.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryRoomRegistry implements RoomRegistry {
    private final ConcurrentHashMap<String, Entry> rooms = new ConcurrentHashMap<>();

    @Override
    public boolean create(RoomRecord record) {
        return rooms.putIfAbsent(record.id(), new Entry(record)) == null;
    }

    @Override
    public Optional<RoomRecord> find(String id) {
        Entry e = rooms.get(id);
        return e == null ? Optional.empty() : Optional.of(e.record);
    }

    @Override
    public void remove(String id) {
        rooms.remove(id);
    }

    @Override
    public Collection<String> roomIds() {
        return List.copyOf(rooms.keySet());
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public boolean addMember(String room, Member member) {
        Entry e = rooms.get(room);
        if (e == null) {
            return false;
        }
        String key = member.name().toLowerCase(Locale.ROOT);
        synchronized (e) {
            if (e.names.putIfAbsent(key, member.id()) != null) {
                return false;
            }
            Member previous = e.members.put(member.id(), member);
            if (previous != null) {
                e.names.remove(previous.name().toLowerCase(Locale.ROOT), previous.id());
            }
            return true;
        }
    }

    @Override
    public boolean removeMember(String room, String memberId) {
        Entry e = rooms.get(room);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            Member removed = e.members.remove(memberId);
            if (removed == null) {
                return false;
            }
            e.names.remove(removed.name().toLowerCase(Locale.ROOT), memberId);
            return true;
        }
    }

    @Override
    public Collection<Member> members(String room) {
        Entry e = rooms.get(room);
        if (e == null) {
            return List.of();
        }
        synchronized (e) {
            return new ArrayList<>(e.members.values());
        }
    }

    private static final class Entry {
        final RoomRecord record;
        final Map<String, Member> members = new LinkedHashMap<>();
        /** Lower-cased name to member id: a name is checked in constant time, not against every member. */
        final Map<String, String> names = new HashMap<>();

        Entry(RoomRecord record) {
            this.record = record;
        }
    }
}
