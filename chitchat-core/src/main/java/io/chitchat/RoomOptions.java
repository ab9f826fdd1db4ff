package io.chitchat;

import java.util.Objects;

/**
 * A room the application creates through {@link ChitChat#createRoom}: an id (null: generated), an optional
 * password, and whether it stays when empty.
 */
public record RoomOptions(String id, String password, boolean permanent) {

    /** A room with the given id (null: generated), no password, removed when empty like any other. */
    public static RoomOptions of(String id) {
        return new RoomOptions(id, null, false);
    }

    /** The same room, protected by a password. */
    public RoomOptions withPassword(String newPassword) {
        return new RoomOptions(id, Objects.requireNonNull(newPassword, "password"), permanent);
    }

    /** The same room, kept when empty. */
    public RoomOptions asPermanent() {
        return new RoomOptions(id, password, true);
    }

    @Override
    public String toString() {
        return "RoomOptions[id=" + id + ", protected=" + (password != null) + ", permanent=" + permanent + "]";
    }
}
