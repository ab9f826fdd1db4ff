package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChitChatClientBuilderTest {
    private final ChitChatClientBuilder builder = ChitChatClient.builder(URI.create("ws://localhost:8080/ws"));

    @Test
    void builder_notAWebSocketUri_failsNamingIt() {
        assertThatThrownBy(() -> ChitChatClient.builder(URI.create("http://localhost/ws")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uri must start with ws:// or wss://, was http://localhost/ws");
        assertThatThrownBy(() -> ChitChatClient.builder(URI.create("ws://localhost/ws#x")))
                .hasMessageContaining("fragment");
        assertThatThrownBy(() -> ChitChatClient.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void timeouts_notPositive_failNamingTheValue() {
        assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
                .hasMessage("requestTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
                .hasMessage("connectTimeout must be positive, was PT-1S");
    }

    @Test
    void maxFrameChars_tooSmall_fails() {
        assertThatThrownBy(() -> builder.maxFrameChars(10)).hasMessage("maxFrameChars must be at least 1024, was 10");
    }

    @Test
    void header_restrictedOrInvalid_failsFast() {
        assertThatThrownBy(() -> builder.header("Host", "x")).hasMessageContaining("Host");
        assertThatThrownBy(() -> builder.header("Sec-WebSocket-Key", "x")).hasMessageContaining("Sec-WebSocket-Key");
        assertThatThrownBy(() -> builder.header("X Bad", "x")).hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> builder.header("X-Ok", "a\r\nInjected: 1")).hasMessageContaining("CR, LF");
    }

    @Test
    void header_originAndCookie_areAccepted() {
        builder.header("Origin", "http://localhost:8080").header("Cookie", "a=b");

        assertThat(builder.headers).hasSize(2);
    }

    @Test
    void build_defaults_newClientThatClosesWithoutConnecting() {
        ChitChatClient client = builder.build();

        assertThat(client.state()).isEqualTo(ClientState.NEW);
        assertThat(client.welcome()).isEmpty();
        assertThat(client.rooms()).isEmpty();
        client.close();
        assertThat(client.closed()).succeedsWithin(Duration.ofSeconds(5))
                .extracting(CloseStatus::code).isEqualTo(1000);
        assertThat(client.state()).isEqualTo(ClientState.CLOSED);
    }
}
