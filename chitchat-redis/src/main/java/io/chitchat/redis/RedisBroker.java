package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequencing and fan-out through Redis. One Lua script per entry increments the room's seq, stores the entry and
 * publishes it on the cluster's single bus channel, so every node receives a room's entries in seq order. Each node
 * subscribes to that one channel once.
 *
 * <p>Bus messages are a one-letter kind and a body: {@code E<entry JSON>}, {@code T<node> TAB <room> TAB <member
 * id> TAB <member name>} (typing), {@code A<node> TAB <room> TAB <member id>} (the node adopted the member: a resume
 * there), {@code R<node> TAB <room> TAB <reason>} (room removed; node is empty when the reaper removed it).
 *
 * <p>Thread-safe. {@link #onBusMessage} runs on a Lettuce I/O thread and never blocks.
 */
final class RedisBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    private final ClusterNode node;
    private final Keys keys;
    private final String retention;
    /** The highest seq this node has seen per room: what a restore after a Redis data loss continues from. */
    private final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final LocalMembers local;
    private final String strayTtl;

    RedisBroker(ClusterNode node, LocalMembers local) {
        this.node = node;
        this.keys = node.keys;
        this.local = local;
        this.retention = Integer.toString(node.options.historyRetention());
        this.strayTtl = Long.toString(Math.max(1, node.options.emptyRoomTtl().toMillis()));
    }

    @Override
    public void start(BrokerListener listener) {
        node.start(listener);
    }

    @Override
    public boolean healthy() {
        return node.health() == RedisNode.Health.CONNECTED;
    }

    /**
     * Sequences, stores and publishes an entry. The leave of one of this node's members is emitted at most once:
     * it is sequenced together with the member's removal ({@code leave.lua}), and not at all when another node
     * reaped the member (this node was presumed dead) or adopted it. Then the draft is returned unchanged, with
     * seq 0.
     */
    @Override
    public Entry sequence(String room, Entry draft) {
        EntryTemplate t = EntryTemplate.of(node.codec, draft);
        if (draft instanceof Entry.SystemEvent sys) {
            String memberId = sys.member().id();
            if (Entry.SystemEvent.LEAVE.equals(sys.event())) {
                LocalMembers.PendingLeave pending = local.takePending(room, memberId);
                if (pending != null) {
                    return ownLeave(pending, draft, t);
                }
            } else {
                Entry entry = publish(room, t, draft);
                local.announced(room, memberId);
                return entry;
            }
        }
        return publish(room, t, draft);
    }

    private Entry publish(String room, EntryTemplate t, Entry draft) {
        long seq = Script.SEQUENCE.integer(node.redis,
                new String[] {keys.seq(room), keys.log(room), keys.room(room)},
                t.before(), t.after(), retention, keys.bus, strayTtl);
        return seen(draft.withSeq(seq));
    }

    private Entry ownLeave(LocalMembers.PendingLeave pending, Entry draft, EntryTemplate t) {
        if (pending.gone()) {
            LOG.info("Room {}: member {} was removed by another node; its leave is not sequenced again",
                    pending.room(), pending.member().id());
            return draft;
        }
        long seq;
        try {
            seq = leave(pending.room(), pending.member().id(), t, node.nodeId, false);
        } catch (RuntimeException e) {
            local.pending(pending);
            throw e;
        }
        return seq > 0 ? seen(draft.withSeq(seq)) : draft;
    }

    /**
     * Removes a member (present or leaving) and sequences its leave, atomically: returns the seq, 0 when it was
     * gone already, -1 when {@code onlyIfDead} and its node is alive.
     */
    long leave(String room, String memberId, EntryTemplate t, String ownerNode, boolean onlyIfDead) {
        String owner = ownerNode.isEmpty() ? node.nodeId : ownerNode;
        long due = node.clock.millis() + node.options.emptyRoomTtl().toMillis();
        return Script.LEAVE.integer(node.redis,
                new String[] {keys.members(room), keys.leaving(room), keys.names(room), keys.seq(room),
                        keys.log(room), keys.room(room), keys.node(owner), keys.emptyRooms},
                memberId, room, keys.prefix, t.before(), t.after(), retention, keys.bus, ownerNode,
                Long.toString(due), onlyIfDead ? "1" : "0");
    }

    private Entry seen(Entry entry) {
        lastSeen.merge(entry.room(), entry.seq(), Math::max);
        return entry;
    }

    long lastSeen(String room) {
        return lastSeen.getOrDefault(room, 0L);
    }

    @Override
    public void typing(String room, Member member) {
        // best effort: not waited for
        node.async.publish(keys.bus,
                "T" + node.nodeId + "\t" + room + "\t" + member.id() + "\t" + member.name())
                .exceptionally(failure -> {
                    LOG.debug("Room {}: typing signal not published", room, failure);
                    return null;
                });
    }

    @Override
    public void memberAdopted(String room, String memberId) {
        node.redis.publish(keys.bus, "A" + node.nodeId + "\t" + room + "\t" + memberId);
    }

    @Override
    public void roomRemoved(String room, String reason) {
        lastSeen.remove(room);
        node.registry().forget(room);
        node.redis.publish(keys.bus, "R" + node.nodeId + "\t" + room + "\t" + reason);
    }

    /** The bus message the reaper publishes when it removes a room that stayed empty. */
    String reaperRemoval(String room) {
        return "R\t" + room + "\texpired";
    }

    @Override
    public void close() {
        node.close();
    }

    // ---------------------------------------------------------------- bus

    void onBusMessage(String message) {
        BrokerListener listener = node.listener();
        if (listener == null || message.isEmpty()) {
            return;
        }
        try {
            switch (message.charAt(0)) {
                case 'E' -> {
                    Entry entry = node.history().decode(message.substring(1));
                    seen(entry);
                    listener.onEntry(entry);
                }
                case 'T' -> {
                    String[] p = message.substring(1).split("\t", 4);
                    if (p.length == 4 && !p[0].equals(node.nodeId)) {
                        listener.onTyping(p[1], new Member(p[2], p[3]));
                    }
                }
                case 'A' -> {
                    String[] p = message.substring(1).split("\t", 3);
                    if (p.length == 3 && !p[0].equals(node.nodeId)) {
                        local.release(p[1], p[2]);
                        listener.onMemberAdopted(p[1], p[2]);
                    }
                }
                case 'R' -> {
                    String[] p = message.substring(1).split("\t", 3);
                    if (p.length == 3 && !p[0].equals(node.nodeId)) {
                        lastSeen.remove(p[1]);
                        node.registry().forget(p[1]);
                        listener.onRoomRemoved(p[1], p[2]);
                    }
                }
                default -> LOG.warn("Node {}: unknown message on {}: kind '{}'", node.nodeId, keys.bus,
                        message.charAt(0));
            }
        } catch (RuntimeException e) {
            LOG.error("Node {}: cannot handle a message on {}", node.nodeId, keys.bus, e);
        }
    }
}
