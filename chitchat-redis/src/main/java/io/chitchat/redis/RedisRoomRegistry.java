package io.chitchat.redis;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms and presence in Redis. Creation and name claims are Lua scripts, so they are atomic across nodes. A member
 * added (or adopted) here belongs to this node: only this node removes it, and when the node dies the reaper of a
 * surviving node does. Other nodes' {@link #removeMember} of it return false.
 *
 * <p>Besides Redis, the registry remembers the records of the rooms it has seen, and this node's members
 * ({@link LocalMembers}), for {@link Recovery}.
 *
 * <p>Thread-safe.
 */
final class RedisRoomRegistry implements RoomRegistry {
    private final ClusterNode node;
    private final Keys keys;
    private final LocalMembers local;
    private final ConcurrentHashMap<String, RoomRecord> records = new ConcurrentHashMap<>();

    RedisRoomRegistry(ClusterNode node, LocalMembers local) {
        this.node = node;
        this.keys = node.keys;
        this.local = local;
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
        local.forget(id);
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
        long ordinal = Script.ADD_MEMBER.integer(node.redis,
                new String[] {keys.room(room), keys.members(room), keys.names(room), keys.nodeMembers(node.nodeId)},
                member.id(), lower(member.name()), member.name(), node.nodeId, room);
        if (ordinal > 0) {
            local.added(room, member, ordinal);
        }
        return ordinal > 0;
    }

    @Override
    public boolean adoptMember(String room, Member member) {
        long ordinal = Script.ADOPT_MEMBER.integer(node.redis,
                new String[] {keys.members(room), keys.nodeMembers(node.nodeId)},
                member.id(), node.nodeId, room, keys.prefix);
        if (ordinal > 0) {
            local.adopted(room, member, ordinal);
        }
        return ordinal > 0;
    }

    /**
     * Takes one of this node's members out of the room's presence and frees its name. A member whose join was
     * announced stays listed as leaving until the broker sequences its leave (the engine does that next;
     * {@link Recovery} does it if that fails). False when the member is not present or is another node's.
     */
    @Override
    public boolean removeMember(String room, String memberId) {
        LocalMembers.Held held = local.release(room, memberId);
        boolean announced = held == null || held.announced();
        boolean removed = Script.REMOVE_MEMBER.integer(node.redis,
                new String[] {keys.members(room), keys.leaving(room), keys.names(room),
                        keys.nodeMembers(node.nodeId)},
                memberId, node.nodeId, room, announced ? "1" : "0") == 1;
        if (held != null && announced) {
            // not removed: another node reaped or adopted it, and this node must not announce its leave
            local.pending(new LocalMembers.PendingLeave(room, held.member(), node.clock.millis(), !removed));
        }
        return removed;
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

    /** The records this node knows of rooms in which it has members, or that are permanent, with its members. */
    Map<RoomRecord, Collection<LocalMembers.Held>> share() {
        Map<RoomRecord, Collection<LocalMembers.Held>> out = new HashMap<>();
        records.forEach((id, record) -> {
            Collection<LocalMembers.Held> members = local.held(id);
            if (!members.isEmpty() || record.permanent()) {
                out.put(record, members);
            }
        });
        return out;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

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
