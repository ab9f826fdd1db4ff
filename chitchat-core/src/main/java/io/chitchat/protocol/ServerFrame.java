package io.chitchat.protocol;

import java.util.List;

/** A frame sent by the server. */
public sealed interface ServerFrame permits ServerFrame.Welcome, ServerFrame.Joined, ServerFrame.Ack, Entry,
        ServerFrame.Presence, ServerFrame.TypingNotice, ServerFrame.Left, ServerFrame.History, ServerFrame.Pong,
        ServerFrame.Error {

    /** The limits announced in {@code welcome}. */
    record Limits(int maxText, int maxFrame, double rate, int burst) {}

    /** {@code welcome}: the first frame on every connection. */
    record Welcome(int protocol, String server, Limits limits) implements ServerFrame {}

    /** {@code joined}: the reply to {@code create} and {@code join}. {@code recovered} is null unless {@code since} was given. */
    record Joined(String ref, String room, boolean isProtected, Member you, List<Member> members, int count,
                  List<Entry> history, long seq, String epoch, Boolean recovered, String resume) implements ServerFrame {}

    /** {@code ack}: a {@code send} was sequenced. */
    record Ack(String ref, String room, long seq, String cid) implements ServerFrame {}

    /** {@code presence}: a diff of a room's members. */
    record Presence(String room, int count, List<Member> joined, List<Member> left) implements ServerFrame {}

    /** {@code typing}: a member is typing. */
    record TypingNotice(String room, Member member) implements ServerFrame {}

    /** {@code left}: the connection is no longer a member of the room; {@code reason} is null after a {@code leave}. */
    record Left(String ref, String room, String reason) implements ServerFrame {}

    /** {@code history}: a page of entries, oldest first. */
    record History(String ref, String room, List<Entry> messages, boolean complete) implements ServerFrame {}

    /** {@code pong}. */
    record Pong(String ref) implements ServerFrame {}

    /** {@code error}. */
    record Error(String ref, ErrorCode code, String message) implements ServerFrame {}
}
