package io.chitchat.client;

import java.util.Objects;

/**
 * How a WebSocket connection ended: the raw close code and reason. Protocol v1 uses 1000 (normal),
 * 1001 (server shutting down), 1008 (policy, unauthorized), 1009 (frame too large), 1011 (server error),
 * 4001 (too slow) and 4002 (abusive). A connection that dropped without a close frame reports 1006.
 *
 * @param code the WebSocket close code
 * @param reason the close reason, possibly empty, never null
 */
public record CloseStatus(int code, String reason) {
    /** The code reported when a connection ended without a close frame. */
    public static final int ABNORMAL = 1006;

    public CloseStatus {
        Objects.requireNonNull(reason, "reason");
    }
}
