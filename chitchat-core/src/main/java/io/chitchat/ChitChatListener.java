package io.chitchat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;

/**
 * Events of the engine, for the embedding application (audit logs, integrations, bots). Every method has an
 * empty default. On a cluster, each event is reported by the node where it happened.
 *
 * <p>Threading: called on the engine's worker thread that owns the room, in the room's {@code seq} order. Must
 * not block; an exception is logged and does not disturb the room. Server-API calls made from a listener are
 * safe (they return futures and do not wait).
 */
public interface ChitChatListener {

    default void roomCreated(RoomInfo room) {}

    default void roomRemoved(String roomId) {}

    default void memberJoined(String roomId, Member member) {}

    /** {@code reason}: {@code "leave"}, {@code "timeout"} (grace period over), {@code "kicked"}, {@code "room_closed"}. */
    default void memberLeft(String roomId, Member member, String reason) {}

    default void messageSequenced(Entry.Message message) {}
}
