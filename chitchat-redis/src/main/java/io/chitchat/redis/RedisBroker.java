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
 * id> TAB <member name>} (typing), {@code R<node> TAB <room> TAB <reason>} (room removed; node is empty when the
 * reaper removed it).
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

    RedisBroker(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
        this.retention = Integer.toString(node.options.historyRetention());
    }

    @Override
    public void start(BrokerListener listener) {
        node.start(listener);
    }

    /**
     * Sequences, stores and publishes an entry. A {@code leave} is emitted at most once per member: when the
     * member was already reaped (its node was presumed dead), the leave is not sequenced again and the draft is
     * returned unchanged, with seq 0.
     *
     * @throws IllegalStateException when the room does not exist (any more)
     */
    @Override
    public Entry sequence(String room, Entry draft) {
        EntryTemplate t = EntryTemplate.of(node.codec, draft);
        if (draft instanceof Entry.SystemEvent sys && Entry.SystemEvent.LEAVE.equals(sys.event())) {
            long seq = leave(room, sys.member().id(), t, "", false);
            node.registry().leaveSequenced(room, sys.member().id());
            if (seq == 0) {
                LOG.debug("Room {}: the leave of member {} was emitted already", room, sys.member().id());
                return draft;
            }
            return seen(draft.withSeq(seq));
        }
        long seq = Script.SEQUENCE.integer(node.redis,
                new String[] {keys.seq(room), keys.log(room), keys.room(room)},
                t.before(), t.after(), retention, keys.bus, "1");
        if (seq == 0) {
            throw new IllegalStateException("room '" + room + "' does not exist");
        }
        return seen(draft.withSeq(seq));
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
