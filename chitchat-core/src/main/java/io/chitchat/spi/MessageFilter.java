package io.chitchat.spi;

import io.chitchat.protocol.Member;

/**
 * A moderation hook that sees every message before it is sequenced: it may let it pass, reject it (the sender
 * gets {@code error invalid_text} with the reason), or replace its text.
 *
 * <p>Runs on the engine's worker threads, possibly concurrently for different rooms: implementations must be
 * thread-safe and quick. An exception thrown here rejects the message with {@code internal} and is logged.
 */
@FunctionalInterface
public interface MessageFilter {

    FilterResult filter(String room, Member from, String text);

    /** Lets everything pass. */
    static MessageFilter allowAll() {
        return (room, from, text) -> FilterResult.allow();
    }
}
