package io.chitchat.client;

import io.chitchat.protocol.Member;

/**
 * A room the client is a member of, as the client tracks it: enough to recover it later, even from another
 * process, with {@code join(room, you.name(), JoinOptions.none().withSince(lastSeq, epoch).withResume(resume))}.
 *
 * @param room the room id
 * @param you this client's membership (its id is stable across a resume)
 * @param lastSeq the latest {@code seq} delivered to the listeners (or carried by {@code joined})
 * @param epoch the room's epoch
 * @param resume the latest resume token; a secret, not printed by {@link #toString()}
 */
public record JoinedRoom(String room, Member you, long lastSeq, String epoch, String resume) {
    @Override
    public String toString() {
        return "JoinedRoom[room=" + room + ", you=" + you + ", lastSeq=" + lastSeq + ", epoch=" + epoch + "]";
    }
}
