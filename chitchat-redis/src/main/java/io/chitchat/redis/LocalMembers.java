package io.chitchat.redis;

import io.chitchat.protocol.Member;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of its own members, besides Redis: which members it holds (and whether their join was
 * announced), and which it removed whose leave entry is still to be sequenced. The broker uses it to emit each
 * leave exactly once; {@link Recovery} uses it to restore or reconcile this node's share.
 *
 * <p>Thread-safe.
 */
final class LocalMembers {
    /**
     * A member held by this node: its place in the room's join order, and {@code announced} once its join entry
     * is sequenced (or it was adopted).
     */
    record Held(Member member, long ordinal, boolean announced) {}

    /**
     * A member this node removed whose leave is not sequenced yet; {@code gone} when Redis no longer had it as
     * this node's member (another node reaped or adopted it), so its leave must not be sequenced here.
     */
    record PendingLeave(String room, Member member, long since, boolean gone) {
        String key() {
            return LocalMembers.key(room, member.id());
        }
    }

    private final ConcurrentHashMap<String, Map<String, Held>> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PendingLeave> pending = new ConcurrentHashMap<>();

    private static String key(String room, String memberId) {
        return room + "\t" + memberId;
    }

    void added(String room, Member member, long ordinal) {
        held.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(member.id(), new Held(member, ordinal, false));
    }

    void adopted(String room, Member member, long ordinal) {
        held.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(member.id(), new Held(member, ordinal, true));
    }

    void announced(String room, String memberId) {
        Map<String, Held> members = held.get(room);
        if (members != null) {
            members.computeIfPresent(memberId, (id, h) -> new Held(h.member(), h.ordinal(), true));
        }
    }

    /** Stops holding a member; returns what was held, or null. */
    Held release(String room, String memberId) {
        Map<String, Held> members = held.get(room);
        return members == null ? null : members.remove(memberId);
    }

    void releaseAll(String room, Collection<Member> members) {
        members.forEach(m -> release(room, m.id()));
    }

    void pending(PendingLeave leave) {
        pending.put(leave.key(), leave);
    }

    PendingLeave takePending(String room, String memberId) {
        return pending.remove(key(room, memberId));
    }

    List<PendingLeave> pendingSince(long before) {
        return pending.values().stream().filter(p -> p.since() < before).toList();
    }

    /** The members held, per room (rooms without members are left out). */
    Map<String, Collection<Member>> members() {
        Map<String, Collection<Member>> out = new HashMap<>();
        held.forEach((room, members) -> {
            if (!members.isEmpty()) {
                out.put(room, members.values().stream().map(Held::member).toList());
            }
        });
        return out;
    }

    Collection<Member> members(String room) {
        Map<String, Held> members = held.get(room);
        return members == null ? List.of() : members.values().stream().map(Held::member).toList();
    }

    /** The members held in a room, with their ordinals. */
    Collection<Held> held(String room) {
        Map<String, Held> members = held.get(room);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /** The room was removed: nothing of it is held or pending any more. */
    void forget(String room) {
        held.remove(room);
        pending.values().removeIf(p -> p.room().equals(room));
    }
}
