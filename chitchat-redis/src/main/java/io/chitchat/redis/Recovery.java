package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.BrokerListener;
import io.chitchat.spi.RoomRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does when Redis and the node disagree after something went wrong:
 * <ul>
 *   <li>{@link #restoreAfterDataLoss}: Redis lost its data (a restart without persistence, a flush). The node puts
 *       back its share: the records of the rooms it has members in (and permanent rooms it knows), their seq
 *       counters no lower than the node has seen, and its members. Every node restores its own share, so rooms and
 *       presence come back; histories do not (clients recovering with {@code since} get {@code recovered: false}).
 *   <li>{@link #dropReapedMembers}: the node was presumed dead (it could not heartbeat for the node timeout) and
 *       other nodes removed some of its members. In each room concerned, the node lets its remaining members
 *       leave as well and closes the room locally ({@code left} with reason {@code timeout}), so that its clients
 *       rejoin instead of talking as members the others have seen leave.
 *   <li>{@link #retryLeaves}: a member was removed but its leave entry could not be sequenced (Redis failed in
 *       between); the leave is sequenced now, still exactly once.
 * </ul>
 *
 * <p>Runs on the node's timer thread only.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    static final String DROPPED_REASON = "timeout";

    private final ClusterNode node;
    private final Keys keys;

    Recovery(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
    }

    void restoreAfterDataLoss() {
        int rooms = 0;
        int members = 0;
        for (Map.Entry<RoomRecord, Collection<LocalMembers.Held>> share : node.registry().share().entrySet()) {
            RoomRecord r = share.getKey();
            String id = r.id();
            List<String> args = new ArrayList<>(List.of(id, Long.toString(r.createdAt()), r.permanent() ? "1" : "0",
                    r.epoch(), r.passwordHash() == null ? "" : r.passwordHash(),
                    Long.toString(node.broker().lastSeen(id)), node.nodeId));
            for (LocalMembers.Held h : share.getValue()) {
                args.add(h.member().id());
                args.add(RedisRoomRegistry.lower(h.member().name()));
                args.add(h.member().name());
                args.add(Long.toString(h.ordinal()));
            }
            long restored = Script.RESTORE_ROOM.integer(node.redis,
                    new String[] {keys.room(id), keys.rooms, keys.seq(id), keys.members(id), keys.names(id),
                            keys.nodeMembers(node.nodeId), keys.log(id)},
                    args.toArray(String[]::new));
            if (restored < 0) {
                LOG.warn("Room {} was created again before node {} could restore it; its {} members here are "
                        + "dropped", id, node.nodeId, share.getValue().size());
                drop(id, share.getValue().stream().map(LocalMembers.Held::member).toList());
                continue;
            }
            if (restored < share.getValue().size()) {
                LOG.warn("Room {}: {} of node {}'s members could not be restored (their names were taken)", id,
                        share.getValue().size() - restored, node.nodeId);
            }
            rooms++;
            members += (int) restored;
        }
        LOG.info("Node {} restored {} rooms and {} members", node.nodeId, rooms, members);
    }

    void dropReapedMembers() {
        for (Map.Entry<String, Collection<Member>> mine : node.local().members().entrySet()) {
            String room = mine.getKey();
            List<Member> reaped = new ArrayList<>();
            for (Member m : mine.getValue()) {
                if (!node.redis.hexists(keys.members(room), m.id())
                        && !node.redis.hexists(keys.leaving(room), m.id())) {
                    reaped.add(m);
                }
            }
            if (reaped.isEmpty()) {
                continue;
            }
            LOG.warn("Room {}: {} of node {}'s members were removed while the node was presumed dead; closing the "
                    + "room on this node", room, reaped.size(), node.nodeId);
            for (Member m : mine.getValue()) {
                if (!reaped.contains(m)) {
                    leave(room, m);
                }
            }
            drop(room, mine.getValue());
        }
    }

    void retryLeaves(long olderThanMillis) {
        long before = node.clock.millis() - olderThanMillis;
        for (LocalMembers.PendingLeave p : node.local().pendingSince(before)) {
            if (node.local().takePending(p.room(), p.member().id()) != null && !p.gone()) {
                LOG.info("Room {}: sequencing the leave of member {} that failed earlier", p.room(),
                        p.member().id());
                try {
                    leave(p.room(), p.member());
                } catch (RuntimeException e) {
                    node.local().pending(p);
                    throw e;
                }
            }
        }
    }

    private void leave(String room, Member m) {
        Entry draft = new Entry.SystemEvent(room, 0, node.clock.millis(), Entry.SystemEvent.LEAVE, m);
        node.broker().leave(room, m.id(), EntryTemplate.of(node.codec, draft), node.nodeId, false);
    }

    /** Forgets the node's members of a room and closes it in the local engine. */
    private void drop(String room, Collection<Member> members) {
        node.local().releaseAll(room, members);
        BrokerListener listener = node.listener();
        if (listener != null) {
            listener.onRoomRemoved(room, DROPPED_REASON);
        }
    }
}
