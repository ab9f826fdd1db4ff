package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.HistoryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Room histories in Redis: a counter and a list of the latest entries per room, as the JSON the protocol codec
 * writes. Any node serves history and recovery ({@code since}) for any room.
 *
 * <p>Thread-safe.
 */
final class RedisHistoryStore implements HistoryStore {
    private final ClusterNode node;
    private final Keys keys;
    private final String retention;
    private final String strayTtl;

    RedisHistoryStore(ClusterNode node) {
        this.node = node;
        this.keys = node.keys;
        this.retention = Integer.toString(node.options.historyRetention());
        this.strayTtl = Long.toString(Math.max(1, node.options.emptyRoomTtl().toMillis()));
    }

    /** Appends without publishing (the broker's {@code sequence} is what the engine uses). */
    @Override
    public Entry append(String room, Entry draft) {
        EntryTemplate t = EntryTemplate.of(node.codec, draft);
        long seq = Script.SEQUENCE.integer(node.redis,
                new String[] {keys.seq(room), keys.log(room), keys.room(room)},
                t.before(), t.after(), retention, "", strayTtl);
        return draft.withSeq(seq);
    }

    @Override
    public List<Entry> after(String room, long afterSeq, int limit) {
        return read(room, "after", afterSeq, limit);
    }

    @Override
    public List<Entry> before(String room, long beforeSeq, int limit) {
        return read(room, "before", beforeSeq, limit);
    }

    private List<Entry> read(String room, String direction, long bound, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<Object> raw = Script.READ.multi(node.redis, new String[] {keys.seq(room), keys.log(room)},
                direction, Long.toString(bound), Integer.toString(limit));
        List<Entry> out = new ArrayList<>(raw.size());
        for (Object json : raw) {
            out.add(decode((String) json));
        }
        return out;
    }

    Entry decode(String json) {
        ServerFrame frame = node.codec.decodeServer(json);
        if (frame instanceof Entry e) {
            return e;
        }
        throw new IllegalStateException("not an entry in history: " + frame.getClass().getSimpleName());
    }

    @Override
    public long lastSeq(String room) {
        String value = node.redis.get(keys.seq(room));
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public long firstSeq(String room) {
        List<Object> bounds = Script.BOUNDS.multi(node.redis, new String[] {keys.seq(room), keys.log(room)});
        long last = (Long) bounds.get(0);
        long retained = (Long) bounds.get(1);
        return last - retained + 1;
    }

    @Override
    public void clear(String room) {
        node.redis.del(keys.seq(room), keys.log(room));
    }
}
