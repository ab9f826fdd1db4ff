package io.chitchat.protocol;

import java.util.Objects;

/** A member of a room: an opaque server-assigned id, stable for the membership, and a display name. */
public record Member(String id, String name) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
