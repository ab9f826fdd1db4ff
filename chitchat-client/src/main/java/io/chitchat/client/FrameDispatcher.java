package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the frames of an open connection: replies to their pending request (by {@code ref}), entries through
 * the {@link RoomTracker} (de-duplicated, held back during a re-join) to the listeners, everything else to the
 * listeners. For a request the state is updated first, then the listeners are told, then the future completes.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class FrameDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDispatcher.class);

    private final URI uri;
    private final Requests requests;
    private final RoomTracker rooms;
    private final Listeners listeners;

    FrameDispatcher(URI uri, Requests requests, RoomTracker rooms, Listeners listeners) {
        this.uri = uri;
        this.requests = requests;
        this.rooms = rooms;
        this.listeners = listeners;
    }

    void dispatch(ServerFrame frame) {
        if (frame instanceof Entry e) {
            if (rooms.accept(e)) {
                deliver(e);
            } else {
                LOG.trace("Holding or dropping entry {} of room {}", e.seq(), e.room());
            }
        } else if (frame instanceof ServerFrame.Ack a) {
            reply(a.ref(), a);
        } else if (frame instanceof ServerFrame.Joined j) {
            joined(j);
        } else if (frame instanceof ServerFrame.Presence p) {
            listeners.fire("onPresence", l -> l.onPresence(p));
        } else if (frame instanceof ServerFrame.TypingNotice t) {
            listeners.fire("onTyping", l -> l.onTyping(t));
        } else if (frame instanceof ServerFrame.Left left) {
            rooms.remove(left.room());
            Requests.Pending<?> p = requests.take(left.ref());
            listeners.fire("onLeft", l -> l.onLeft(left));
            if (p != null) {
                p.complete(left);
            }
        } else if (frame instanceof ServerFrame.History h) {
            reply(h.ref(), h);
        } else if (frame instanceof ServerFrame.Pong p) {
            reply(p.ref(), p);
        } else if (frame instanceof ServerFrame.Error e) {
            if (e.ref() == null || !reply(e.ref(), e)) {
                listeners.fire("onError", l -> l.onError(e));
            }
        } else if (frame instanceof ServerFrame.Welcome) {
            LOG.debug("Ignoring a second welcome from {}", uri);
        }
    }

    private void joined(ServerFrame.Joined j) {
        Requests.Pending<?> p = requests.take(j.ref());
        if (p != null && p.internal) {
            List<Entry> missed = rooms.rejoined(j);
            LOG.debug("Joined room {} again (recovered: {}, {} missed entries)", j.room(), j.recovered(),
                    missed.size());
            listeners.fire("onRejoined", l -> l.onRejoined(j));
            missed.forEach(this::deliver);
            p.complete(j);
            return;
        }
        if (p == null) {
            // a join that timed out still made this client a member: track the room all the same
            LOG.debug("A joined for room {} answers no pending request", j.room());
        }
        rooms.joined(j, p == null ? null : password(p.frame));
        listeners.fire("onJoined", l -> l.onJoined(j));
        if (p != null) {
            p.complete(j);
        }
    }

    private void deliver(Entry e) {
        if (e instanceof Entry.Message m) {
            listeners.fire("onMessage", l -> l.onMessage(m));
        } else if (e instanceof Entry.SystemEvent s) {
            listeners.fire("onSystem", l -> l.onSystem(s));
        }
    }

    /** Completes the pending request with this ref; false if there was none. */
    private boolean reply(String ref, ServerFrame frame) {
        Requests.Pending<?> p = requests.take(ref);
        if (p == null) {
            LOG.debug("A {} from {} answers no pending request (ref {})", Frames.type(frame), uri, ref);
            return false;
        }
        p.complete(frame);
        return true;
    }

    private static String password(ClientFrame frame) {
        if (frame instanceof ClientFrame.Create c) {
            return c.password();
        }
        return frame instanceof ClientFrame.Join j ? j.password() : null;
    }
}
