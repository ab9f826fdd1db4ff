package io.chitchat.spi;

import io.chitchat.protocol.Member;
import java.util.ArrayList;
import java.util.Collection;
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
            for (Member m : e.members.values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(key)) {
                    return false;
                }
            }
            e.members.put(member.id(), member);
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
            return e.members.remove(memberId) != null;
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

        Entry(RoomRecord record) {
            this.record = record;
        }
    }
}
