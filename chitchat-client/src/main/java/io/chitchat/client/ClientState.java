package io.chitchat.client;

/** The life cycle of a {@link ChitChatClient}. */
public enum ClientState {
    /** Built, {@link ChitChatClient#connect()} not called yet. */
    NEW,
    /** Opening the first connection; ends with {@code welcome} ({@link #OPEN}) or a failure ({@link #CLOSED}). */
    CONNECTING,
    /** Connected: the server's {@code welcome} arrived. */
    OPEN,
    /** The connection was lost and the client is reconnecting (only with a {@link ReconnectPolicy}). */
    RECONNECTING,
    /** Closed for good: by {@link ChitChatClient#close()}, by the server, or after the last reconnect attempt. */
    CLOSED
}
