package io.chitchat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's listeners; a failing listener is logged and does not disturb the engine or the others. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final CopyOnWriteArrayList<ChitChatListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(ChitChatListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void roomCreated(RoomInfo room) {
        fire("roomCreated", room.id(), l -> l.roomCreated(room));
    }

    void roomRemoved(String roomId) {
        fire("roomRemoved", roomId, l -> l.roomRemoved(roomId));
    }

    void memberJoined(String roomId, Member member) {
        fire("memberJoined", roomId, l -> l.memberJoined(roomId, member));
    }

    void memberLeft(String roomId, Member member, String reason) {
        fire("memberLeft", roomId, l -> l.memberLeft(roomId, member, reason));
    }

    void messageSequenced(Entry.Message message) {
        fire("messageSequenced", message.room(), l -> l.messageSequenced(message));
    }

    private void fire(String event, String roomId, Consumer<ChitChatListener> call) {
        for (ChitChatListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} failed on {} in room {}", l.getClass().getName(), event, roomId, e);
            }
        }
    }
}
