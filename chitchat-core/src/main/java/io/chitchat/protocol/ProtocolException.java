package io.chitchat.protocol;

/** A request that breaks protocol v1; carries the error code and the request's {@code ref}, if it had one. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String ref, String message) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code ref} of the offending request, or null. */
    public String ref() {
        return ref;
    }
}
