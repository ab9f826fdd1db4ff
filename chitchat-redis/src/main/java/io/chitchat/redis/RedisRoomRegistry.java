package io.chitchat.redis;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms and presence in Redis. Creation and name claims are Lua scripts, so they are atomic across nodes. A member
 * added here belongs to this node: when the node dies, the reaper of a surviving node removes it.
 *
 * <p>Besides Redis, the registry remembers the records of the rooms it has seen, the members this node added, and
 * the members it removed whose leave is not sequenced yet, for {@link Recovery}.
 *
 * <p>Thread-safe.
 */
final class RedisRoomRegistry implements RoomRegistry {
    private final ClusterNode node;
    private final Keys keys;
    private final ConcurrentHashMap<String, RoomRecord> records = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Map<String, Member>> own = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PendingLeave> pendingLeaves = new ConcurrentHashMap<>();

    RedisRoomRegistry(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
    }

    @Override
    public boolean create(RoomRecord record) {
        String id = record.id();
        String due = record.permanent() ? ""
                : Long.toString(node.clock.millis() + node.options.emptyRoomTtl().toMillis());
        boolean created = Script.CREATE.integer(node.redis,
                new String[] {keys.room(id), keys.rooms, keys.members(id), keys.leaving(id), keys.names(id),
                        keys.seq(id), keys.log(id), keys.emptyRooms},
                id, Long.toString(record.createdAt()), record.permanent() ? "1" : "0", record.epoch(),
                record.passwordHash() == null ? "" : record.passwordHash(), due) == 1;
        if (created) {
            records.put(id, record);
        }
        return created;
    }

    @Override
    public Optional<RoomRecord> find(String id) {
        Map<String, String> hash = node.redis.hgetall(keys.room(id));
        if (hash == null || hash.isEmpty()) {
            // not forgotten here: after Redis lost its data, the restore still needs what this node remembers
            return Optional.empty();
        }
        RoomRecord record = new RoomRecord(id, hash.get("pwd"), Long.parseLong(hash.getOrDefault("created", "0")),
                "1".equals(hash.get("permanent")), hash.getOrDefault("epoch", ""));
        records.put(id, record);
        return Optional.of(record);
    }

    @Override
    public void remove(String id) {
        Script.REMOVE.integer(node.redis,
                new String[] {keys.room(id), keys.rooms, keys.members(id), keys.leaving(id), keys.names(id)},
                id, keys.prefix);
        forget(id);
    }

    /** Forgets what this node remembers of a room (it was removed). */
    void forget(String id) {
        records.remove(id);
        own.remove(id);
    }

    @Override
    public Collection<String> roomIds() {
        return List.copyOf(node.redis.smembers(keys.rooms));
    }

    @Override
    public int roomCount() {
        return Math.toIntExact(node.redis.scard(keys.rooms));
    }

    @Override
    public boolean addMember(String room, Member member) {
        boolean added = Script.ADD_MEMBER.integer(node.redis,
                new String[] {keys.room(room), keys.members(room), keys.names(room), keys.nodeMembers(node.nodeId)},
                member.id(), lower(member.name()), member.name(), node.nodeId, room) == 1;
        if (added) {
            own.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(member.id(), member);
        }
        return added;
    }

    /**
     * Takes the member out of the room's presence and frees its name. The member stays listed as leaving until the
     * broker sequences its leave (the engine does that next); {@link Recovery} sequences it if that fails.
     */
    @Override
    public boolean removeMember(String room, String memberId) {
        boolean removed = Script.REMOVE_MEMBER.integer(node.redis,
                new String[] {keys.members(room), keys.leaving(room), keys.names(room)}, memberId) == 1;
        Map<String, Member> mine = own.get(room);
        Member member = mine == null ? null : mine.remove(memberId);
        if (removed && member != null) {
            pendingLeaves.put(room + "\t" + memberId, new PendingLeave(room, member, node.clock.millis()));
        }
        return removed;
    }

    /** The member's leave was sequenced (or found emitted already). */
    void leaveSequenced(String room, String memberId) {
        pendingLeaves.remove(room + "\t" + memberId);
    }

    /** Leaves not sequenced since before {@code millis}. */
    List<PendingLeave> pendingLeaves(long millis) {
        return pendingLeaves.values().stream().filter(p -> p.since() < millis).toList();
    }

    /** The members this node added and has not removed, per room. */
    Map<String, Collection<Member>> ownMembers() {
        Map<String, Collection<Member>> out = new java.util.HashMap<>();
        own.forEach((room, members) -> {
            if (!members.isEmpty()) {
                out.put(room, List.copyOf(members.values()));
            }
        });
        return out;
    }

    void forgetMembers(String room, Collection<Member> members) {
        Map<String, Member> mine = own.get(room);
        if (mine != null) {
            members.forEach(m -> mine.remove(m.id()));
        }
    }

    @Override
    public Collection<Member> members(String room) {
        Map<String, String> hash = node.redis.hgetall(keys.members(room));
        List<StoredMember> stored = new ArrayList<>(hash.size());
        hash.forEach((id, value) -> stored.add(StoredMember.parse(id, value)));
        stored.sort((a, b) -> Long.compare(a.ordinal(), b.ordinal()));
        List<Member> out = new ArrayList<>(stored.size());
        for (StoredMember m : stored) {
            out.add(m.member());
        }
        return out;
    }

    /** The records this node knows of rooms in which it has members, or that are permanent. */
    Map<RoomRecord, Collection<Member>> share() {
        Map<RoomRecord, Collection<Member>> out = new java.util.HashMap<>();
        records.forEach((id, record) -> {
            Map<String, Member> mine = own.get(id);
            Collection<Member> members = mine == null ? List.of() : List.copyOf(mine.values());
            if (!members.isEmpty() || record.permanent()) {
                out.put(record, members);
            }
        });
        return out;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A member this node removed whose leave entry is not sequenced yet. */
    record PendingLeave(String room, Member member, long since) {}

    /**
     * A member as stored in a room's members (or leaving) hash: field = member id, value =
     * {@code ordinal TAB node TAB lower-cased name TAB name}. Names contain no control characters (the engine
     * checks them), and the name is last, so the split is unambiguous.
     */
    record StoredMember(long ordinal, String node, String lowerName, Member member) {
        static StoredMember parse(String id, String value) {
            String[] parts = value.split("\t", 4);
            if (parts.length != 4) {
                throw new IllegalStateException("malformed member record " + id);
            }
            return new StoredMember(Long.parseLong(parts[0]), parts[1], parts[2], new Member(id, parts[3]));
        }
    }
}
