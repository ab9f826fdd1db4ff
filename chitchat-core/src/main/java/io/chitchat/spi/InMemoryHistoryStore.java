package io.chitchat.spi;

import io.chitchat.protocol.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** A ring of the latest entries per room; each room's log is guarded by its own monitor. */
final class InMemoryHistoryStore implements HistoryStore {
    private final int retain;
    private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();

    InMemoryHistoryStore(int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("history retention must be at least 1, was " + retain);
        }
        this.retain = retain;
    }

    @Override
    public Entry append(String room, Entry draft) {
        Log log = logs.computeIfAbsent(room, r -> new Log());
        synchronized (log) {
            Entry entry = draft.withSeq(++log.lastSeq);
            log.entries.addLast(entry);
            if (log.entries.size() > retain) {
                log.entries.removeFirst();
            }
            return entry;
        }
    }

    @Override
    public List<Entry> after(String room, long afterSeq, int limit) {
        Log log = logs.get(room);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            List<Entry> out = new ArrayList<>(Math.min(limit, log.entries.size()));
            for (Entry e : log.entries) {
                if (e.seq() > afterSeq) {
                    out.add(e);
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            return out;
        }
    }

    @Override
    public List<Entry> before(String room, long beforeSeq, int limit) {
        Log log = logs.get(room);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            ArrayDeque<Entry> out = new ArrayDeque<>(Math.min(limit, log.entries.size()));
            Iterator<Entry> it = log.entries.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                Entry e = it.next();
                if (e.seq() < beforeSeq) {
                    out.addFirst(e);
                }
            }
            return new ArrayList<>(out);
        }
    }

    @Override
    public long lastSeq(String room) {
        Log log = logs.get(room);
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.lastSeq;
        }
    }

    @Override
    public long firstSeq(String room) {
        Log log = logs.get(room);
        if (log == null) {
            return 1;
        }
        synchronized (log) {
            return log.entries.isEmpty() ? log.lastSeq + 1 : log.entries.peekFirst().seq();
        }
    }

    @Override
    public void clear(String room) {
        logs.remove(room);
    }

    private static final class Log {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        long lastSeq;
    }
}
