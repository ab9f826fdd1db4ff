package io.chitchat.spi;

import java.util.Objects;

/** The outcome of {@link Authenticator#authenticate}. */
public sealed interface AuthResult {

    /** Admitted. {@code name} is the display name the engine uses in every room (null: the client chooses). */
    record Admit(String userId, String name) implements AuthResult {}

    /** Refused, with a reason for the log and the {@code unauthorized} error message. */
    record Deny(String reason) implements AuthResult {
        public Deny {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Admits an anonymous user who picks a name per room. */
    static AuthResult anonymous() {
        return new Admit(null, null);
    }

    /** Admits an authenticated user whose display name the engine will use. */
    static AuthResult user(String userId, String name) {
        return new Admit(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(name, "name"));
    }

    /** Refuses the connection. */
    static AuthResult deny(String reason) {
        return new Deny(reason);
    }
}
