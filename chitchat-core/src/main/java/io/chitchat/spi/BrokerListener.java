package io.chitchat.spi;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;

/** The engine's side of a {@link Broker}: what arrives from the cluster. Implemented by the engine; never blocks. */
public interface BrokerListener {

    /** A sequenced entry of a room (from any node, this one included). */
    void onEntry(Entry entry);

    /** A member on another node is typing. */
    void onTyping(String room, Member member);

    /** Another node adopted a member of the room (a resume there): drop it here without a leave entry. */
    default void onMemberAdopted(String room, String memberId) {}

    /** Another node removed the room. */
    void onRoomRemoved(String room, String reason);

    /** The broker lost its connection and recovered it: entries may have been missed in every room. */
    void onResync();
}
