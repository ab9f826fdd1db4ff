package io.chitchat.client;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;

/**
 * Receives what the server sends that is not the reply to a request, and the client's own events. Every method
 * has an empty default.
 *
 * <p>Threading: called on the client's event thread, one call at a time, in the order the frames arrived
 * (entries of a room in {@code seq} order, without duplicates). Must not block: in particular, do not wait for a
 * future of the same client here. An exception is logged and does not disturb the client or other listeners.
 */
public interface ClientListener {

    /** The client moved from {@code previous} to {@code current}. */
    default void onStateChange(ClientState previous, ClientState current) {}

    /** The server's {@code welcome}, first frame of every connection (also after a reconnect). */
    default void onWelcome(ServerFrame.Welcome welcome) {}

    /**
     * This client joined a room, as the reply to its own {@code create} or {@code join}; the entries of
     * {@code joined.history()} are not delivered again through {@link #onMessage} or {@link #onSystem}.
     */
    default void onJoined(ServerFrame.Joined joined) {}

    /**
     * After a reconnect the client joined a room again, with {@code since}, {@code epoch} and {@code resume}.
     * Called before the entries it missed (those of {@code joined.history()} newer than the last one seen) are
     * delivered through {@link #onMessage} and {@link #onSystem}. {@code joined.recovered()} false means a gap:
     * entries were lost, or the room's sequence was restarted (then {@code joined.epoch()} changed).
     */
    default void onRejoined(ServerFrame.Joined joined) {}

    /** After a reconnect the client could not join {@code room} again; the room is no longer tracked. */
    default void onRejoinFailed(String room, Throwable error) {}

    /** A chat message, including this client's own messages. */
    default void onMessage(Entry.Message message) {}

    /** A member joined or left a room. */
    default void onSystem(Entry.SystemEvent event) {}

    /** A diff of a room's members. */
    default void onPresence(ServerFrame.Presence presence) {}

    /** A member is typing. */
    default void onTyping(ServerFrame.TypingNotice typing) {}

    /**
     * This client is no longer a member of a room: the reply to its {@code leave} (no reason), or the server's
     * decision ({@code kicked}, {@code room_closed}, {@code resumed_elsewhere}, ...).
     */
    default void onLeft(ServerFrame.Left left) {}

    /** An {@code error} that answers no pending request (no {@code ref}, or the request already timed out). */
    default void onError(ServerFrame.Error error) {}

    /**
     * A connection ended, with its raw close code and reason ({@link CloseStatus#ABNORMAL} when it dropped).
     * Called for every connection, also when a reconnect follows.
     */
    default void onClose(int code, String reason) {}
}
