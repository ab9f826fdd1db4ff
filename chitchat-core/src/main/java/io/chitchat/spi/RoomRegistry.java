package io.chitchat.spi;

import io.chitchat.protocol.Member;
import java.util.Collection;
import java.util.Optional;

/**
 * Which rooms exist and who is present in each: the state that must be the same on every node. The in-memory
 * default serves one node; a clustered implementation (Redis) makes creation and name claims atomic across
 * nodes.
 *
 * <p>Thread-safety: implementations must be thread-safe. Called from the engine's worker threads, never from
 * a transport thread; a networked implementation may block for a round trip.
 */
public interface RoomRegistry {

    /** Creates the room atomically: false when a room with that id exists already. */
    boolean create(RoomRecord record);

    /** The room's record, if it exists. */
    Optional<RoomRecord> find(String id);

    /** Removes the room and its members. */
    void remove(String id);

    /** The ids of all rooms. */
    Collection<String> roomIds();

    /** The number of rooms. */
    int roomCount();

    /**
     * Adds a present member atomically unless another member of the room has the same name, compared after
     * {@code toLowerCase(Locale.ROOT)}: false when the name is taken.
     */
    boolean addMember(String room, Member member);

    /** Removes a member; false if it was not present. */
    boolean removeMember(String room, String memberId);

    /**
     * This node takes over a present member whose connection dropped on another node (a resume there within
     * the grace period): a clustered registry records the new owner. False if the member is not present.
     */
    default boolean adoptMember(String room, Member member) {
        return members(room).stream().anyMatch(m -> m.id().equals(member.id()));
    }

    /** The present members of a room, in the order they joined. */
    Collection<Member> members(String room);

    /** One node's rooms and presence, in this JVM's memory. */
    static RoomRegistry inMemory() {
        return new InMemoryRoomRegistry();
    }
}
