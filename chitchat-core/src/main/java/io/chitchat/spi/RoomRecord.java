package io.chitchat.spi;

import java.util.Objects;

/**
 * The durable facts of a room, shared by every node: its id, the password hash (null: unprotected), when it
 * was created, whether the application made it permanent, and the epoch that identifies this run of its
 * sequence. Never contains a clear-text password.
 */
public record RoomRecord(String id, String passwordHash, long createdAt, boolean permanent, String epoch) {
    public RoomRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(epoch, "epoch");
    }

    public boolean isProtected() {
        return passwordHash != null;
    }

    @Override
    public String toString() {
        // never print the hash
        return "RoomRecord[id=" + id + ", protected=" + isProtected() + ", permanent=" + permanent + ", epoch="
                + epoch + "]";
    }
}
