package io.chitchat.spi;

/**
 * Decides whether a connection is admitted, from its handshake. Runs once per connection, when the transport
 * opens it, on the transport's thread: it must be quick and must not block on I/O.
 *
 * <p>Thread-safety: called concurrently for different connections; implementations must be thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

    /** Admits or refuses a connection. A refused connection gets {@code error unauthorized} and close 1008. */
    AuthResult authenticate(Handshake handshake);

    /** The default: everyone is admitted, anonymous, and chooses a display name per room. */
    static Authenticator anonymous() {
        return handshake -> AuthResult.anonymous();
    }
}
