package io.chitchat.examples;

import io.chitchat.spi.AuthResult;
import io.chitchat.spi.Authenticator;
import io.chitchat.spi.Handshake;
import java.util.Objects;

/**
 * Admits a chat connection only with a valid {@link SignedTokens signed token}, from the cookie
 * {@value #COOKIE} (browsers) or the query parameter {@value #QUERY} (programs); the user's display name is the
 * token's, whatever name the client asks for. Without a valid token the handshake is refused: the client gets
 * {@code error unauthorized} and close 1008.
 *
 * <p>Thread-safe. Quick and non-blocking (an HMAC), as an {@link Authenticator} must be.
 */
public final class TokenAuthenticator implements Authenticator {
    /** The cookie the application sets when its user logs in. */
    public static final String COOKIE = "chitchat_token";
    /** The query parameter for clients that cannot send cookies: {@code ws://host/chat/ws?token=...}. */
    public static final String QUERY = "token";

    private final SignedTokens tokens;

    public TokenAuthenticator(SignedTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    // tag::authenticate[]
    @Override
    public AuthResult authenticate(Handshake handshake) {
        String token = handshake.cookies().get(COOKIE);
        if (token == null) {
            token = handshake.queryParam(QUERY);
        }
        if (token == null) {
            return AuthResult.deny("log in first"); // the reason is sent to the client: never put a secret in it
        }
        return tokens.verify(token)
                .map(claims -> AuthResult.user(claims.userId(), claims.name()))
                .orElseGet(() -> AuthResult.deny("invalid or expired token"));
    }
    // end::authenticate[]
}
