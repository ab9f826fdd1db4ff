package io.chitchat.client;

import io.chitchat.protocol.ErrorCode;
import java.util.Objects;

/**
 * The server answered a request with an {@code error} frame: carries the protocol's error code (which a program
 * may rely on) and the server's message (which is for people).
 */
public final class ChitChatClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ChitChatClientException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The protocol error code, e.g. {@link ErrorCode#WRONG_PASSWORD}. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + code.wire() + ": " + getMessage();
    }
}
