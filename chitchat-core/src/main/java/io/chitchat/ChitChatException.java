package io.chitchat;

import io.chitchat.protocol.ErrorCode;

/** A server-API call that the engine refused, with the protocol error code that says why. */
public final class ChitChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ChitChatException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
