package io.chitchat.protocol;

/**
 * A frame sent by a client. Every request may carry a {@code ref} (at most 64 characters) that the
 * reply repeats. Values are as received: validation of room ids, names and texts is the engine's job.
 */
public sealed interface ClientFrame {

    /** The request's ref, or null. */
    String ref();

    /** {@code create}: a new room (room null: generated id); the creator joins it. */
    record Create(String ref, String room, String name, String password) implements ClientFrame {}

    /** {@code join}: join a room; {@code since}/{@code epoch} recover missed entries; {@code resume} takes back a membership. */
    record Join(String ref, String room, String name, String password, Long since, String epoch, String resume)
            implements ClientFrame {}

    /** {@code send}: a message; {@code cid} de-duplicates resends. */
    record Send(String ref, String room, String text, String cid) implements ClientFrame {}

    /** {@code typing}: a typing notice. */
    record Typing(String ref, String room) implements ClientFrame {}

    /** {@code leave}: leave a room. */
    record Leave(String ref, String room) implements ClientFrame {}

    /** {@code history}: a page of entries older than {@code before} (null: the latest). */
    record History(String ref, String room, Long before, Integer limit) implements ClientFrame {}

    /** {@code ping}: answered by {@code pong}. */
    record Ping(String ref) implements ClientFrame {}
}
