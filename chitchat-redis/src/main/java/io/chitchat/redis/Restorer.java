package io.chitchat.redis;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After Redis lost its data (a restart without persistence, a flush), puts back this node's share: the records of
 * the rooms it has members in (and permanent rooms it knows), their seq counters no lower than the node has seen,
 * and its members. Every node restores its own share, so the cluster's rooms and presence come back; histories do
 * not (clients recovering with {@code since} get {@code recovered: false}).
 *
 * <p>Runs on the node's timer thread only.
 */
final class Restorer {
    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);

    private final ClusterNode node;
    private final Keys keys;

    Restorer(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
    }

    void restore() {
        int rooms = 0;
        int members = 0;
        for (Map.Entry<RoomRecord, Collection<Member>> share : node.registry().share().entrySet()) {
            RoomRecord r = share.getKey();
            String id = r.id();
            List<String> args = new ArrayList<>();
            args.add(id);
            args.add(Long.toString(r.createdAt()));
            args.add(r.permanent() ? "1" : "0");
            args.add(r.epoch());
            args.add(r.passwordHash() == null ? "" : r.passwordHash());
            args.add(Long.toString(node.broker().lastSeen(id)));
            args.add(node.nodeId);
            for (Member m : share.getValue()) {
                args.add(m.id());
                args.add(RedisRoomRegistry.lower(m.name()));
                args.add(m.name());
            }
            long restored = Script.RESTORE_ROOM.integer(node.redis,
                    new String[] {keys.room(id), keys.rooms, keys.seq(id), keys.members(id), keys.names(id),
                            keys.nodeMembers(node.nodeId)},
                    args.toArray(String[]::new));
            if (restored < 0) {
                LOG.warn("Room {} was created again while Redis was restored; node {} cannot restore its {} "
                        + "members", id, node.nodeId, share.getValue().size());
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
}
