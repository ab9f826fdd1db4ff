package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the members of dead nodes, and rooms that stayed empty for the empty-room delay. Every node runs it on its
 * timer; a lock ({@code SET NX PX}) lets one node at a time do the work. Each member's removal and leave entry are
 * one script ({@code leave.lua}), so a leave is emitted exactly once however many nodes reap, and never while the
 * owner is alive.
 *
 * <p>Runs on the node's timer thread only.
 */
final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final int EMPTY_BATCH = 100;

    private final ClusterNode node;
    private final Keys keys;

    Reaper(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
    }

    /** One round: if this node wins the lock, reap every dead node and remove the rooms that stayed empty. */
    void run() {
        String locked = node.redis.set(keys.reaperLock, node.nodeId,
                SetArgs.Builder.nx().px(node.options.heartbeat().toMillis()));
        if (!"OK".equals(locked)) {
            return;
        }
        for (String other : node.redis.smembers(keys.nodes)) {
            if (!other.equals(node.nodeId) && node.redis.exists(keys.node(other)) == 0) {
                int reaped = reapNode(other, true);
                long forgotten = Script.FORGET_NODE.integer(node.redis,
                        new String[] {keys.node(other), keys.nodeMembers(other), keys.nodes}, other);
                LOG.info("Node {} reaped dead node {}: {} members left{}", node.nodeId, other, reaped,
                        forgotten == 1 ? "" : " (not forgotten yet)");
            }
        }
        removeEmptyRooms();
    }

    /**
     * Emits the leave of every member of {@code owner} still present (or leaving); with {@code onlyIfDead}, stops
     * as soon as the owner turns out to be alive. Returns the number of leaves emitted.
     */
    int reapNode(String owner, boolean onlyIfDead) {
        int reaped = 0;
        for (String item : node.redis.smembers(keys.nodeMembers(owner))) {
            int tab = item.indexOf('\t');
            if (tab < 0) {
                node.redis.srem(keys.nodeMembers(owner), item);
                continue;
            }
            String room = item.substring(0, tab);
            String memberId = item.substring(tab + 1);
            Member member = lookup(room, memberId);
            if (member == null) {
                node.redis.srem(keys.nodeMembers(owner), item);
                continue;
            }
            Entry draft = new Entry.SystemEvent(room, 0, node.clock.millis(), Entry.SystemEvent.LEAVE, member);
            long seq = node.broker().leave(room, memberId, EntryTemplate.of(node.codec, draft), owner, onlyIfDead);
            if (seq < 0) {
                LOG.info("Node {} is alive again; stopped reaping it", owner);
                return reaped;
            }
            if (seq > 0) {
                reaped++;
            }
        }
        return reaped;
    }

    private Member lookup(String room, String memberId) {
        String value = node.redis.hget(keys.members(room), memberId);
        if (value == null) {
            value = node.redis.hget(keys.leaving(room), memberId);
        }
        return value == null ? null : RedisRoomRegistry.StoredMember.parse(memberId, value).member();
    }

    /**
     * Removes the rooms whose empty-room delay is over, if they are still empty. A room is listed when it is
     * created and whenever its last member leaves; each node's engine also expires the rooms it has active, but
     * this catches the rooms no live node has.
     */
    private void removeEmptyRooms() {
        List<String> due = node.redis.zrangebyscore(keys.emptyRooms,
                Range.create(Double.NEGATIVE_INFINITY, (double) node.clock.millis()),
                Limit.create(0, EMPTY_BATCH));
        for (String item : due) {
            int tab = item.indexOf('\t');
            String room = tab < 0 ? item : item.substring(0, tab);
            String epoch = tab < 0 ? "" : item.substring(tab + 1);
            long removed = Script.REMOVE_EMPTY.integer(node.redis,
                    new String[] {keys.room(room), keys.rooms, keys.members(room), keys.leaving(room),
                            keys.names(room), keys.seq(room), keys.log(room), keys.emptyRooms},
                    item, epoch, room, keys.bus, node.broker().reaperRemoval(room));
            if (removed == 1) {
                node.registry().forget(room);
                LOG.info("Node {} removed room {}: it stayed empty", node.nodeId, room);
            }
        }
    }
}
