package io.chitchat.protocol;

/**
 * A sequenced entry of a room: a chat message or a system event. Entries are stored in history and
 * broadcast exactly as they are. {@code seq} is 0 for a draft that has not been sequenced yet.
 */
public sealed interface Entry extends ServerFrame permits Entry.Message, Entry.SystemEvent {

    String room();

    long seq();

    long ts();

    /** A copy of this entry with the given sequence number. */
    Entry withSeq(long seq);

    /** {@code message}: a chat message. {@code cid} may be null. */
    record Message(String room, long seq, long ts, Member from, String text, String cid) implements Entry {
        @Override
        public Message withSeq(long newSeq) {
            return new Message(room, newSeq, ts, from, text, cid);
        }
    }

    /** {@code system}: a member joined ({@code event = "join"}) or left ({@code "leave"}). */
    record SystemEvent(String room, long seq, long ts, String event, Member member) implements Entry {
        public static final String JOIN = "join";
        public static final String LEAVE = "leave";

        @Override
        public SystemEvent withSeq(long newSeq) {
            return new SystemEvent(room, newSeq, ts, event, member);
        }
    }
}
