package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

    @Test
    void allows_missingOrigin_allowed() {
        assertThat(sameOriginOnly.allows(null, "chat.example.com")).isTrue();
    }

    @Test
    void allows_sameHostAnyScheme_allowed() {
        assertThat(sameOriginOnly.allows("http://chat.example.com:8080", "chat.example.com:8080")).isTrue();
        assertThat(sameOriginOnly.allows("https://chat.example.com:8080", "chat.example.com:8080")).isTrue();
        assertThat(sameOriginOnly.allows("https://Chat.Example.com", "chat.example.com")).isTrue();
        assertThat(sameOriginOnly.allows("http://chat.example.com", "chat.example.com:80")).isTrue();
        assertThat(sameOriginOnly.allows("http://[::1]:8080", "[::1]:8080")).isTrue();
    }

    @Test
    void allows_otherHostPortOrGarbage_refused() {
        assertThat(sameOriginOnly.allows("https://evil.example", "chat.example.com")).isFalse();
        assertThat(sameOriginOnly.allows("http://chat.example.com:8081", "chat.example.com:8080")).isFalse();
        assertThat(sameOriginOnly.allows("http://chat.example.com:8080", "chat.example.com")).isFalse();
        assertThat(sameOriginOnly.allows("null", "chat.example.com")).isFalse();
        assertThat(sameOriginOnly.allows("file://", "chat.example.com")).isFalse();
        assertThat(sameOriginOnly.allows("http://chat.example.com", null)).isFalse();
    }

    @Test
    void allows_allowListed_allowed() {
        OriginPolicy policy = new OriginPolicy(JettyOptions.builder()
                .allowedOrigins("https://app.example.com", "http://localhost:3000").build().allowedOrigins());
        assertThat(policy.allows("https://app.example.com", "api.example.com")).isTrue();
        assertThat(policy.allows("https://app.example.com:443", "api.example.com")).isTrue();
        assertThat(policy.allows("http://app.example.com", "api.example.com")).isFalse();
        assertThat(policy.allows("http://localhost:3000", "api.example.com")).isTrue();
    }

    @Test
    void allows_star_anyOrigin() {
        OriginPolicy any = new OriginPolicy(JettyOptions.builder().allowedOrigins("*").build().allowedOrigins());
        assertThat(any.allows("https://evil.example", "chat.example.com")).isTrue();
    }

    @Test
    void allowedOrigins_withPath_rejectedWithMessage() {
        assertThatThrownBy(() -> JettyOptions.builder().allowedOrigins("https://app.example.com/chat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed origin must look like scheme://host[:port] with no path, was "
                        + "'https://app.example.com/chat'");
    }
}
