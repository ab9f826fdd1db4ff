package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JettyOptionsTest {

    @Test
    void defaults_sameOriginUiNoDeflate() {
        JettyOptions o = JettyOptions.defaults();
        assertThat(o.allowedOrigins()).isEmpty();
        assertThat(o.trustedProxies()).isEmpty();
        assertThat(o.ui()).isTrue();
        assertThat(o.perMessageDeflate()).isFalse();
        assertThat(o.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void builder_allowedOrigins_normalized() {
        assertThat(JettyOptions.builder().allowedOrigins("HTTPS://App.Example.com").build().allowedOrigins())
                .containsExactly("https://app.example.com:443");
    }

    @Test
    void builder_badValues_failFast() {
        assertThatThrownBy(() -> JettyOptions.builder().closeTimeout(Duration.ZERO))
                .hasMessage("closeTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> JettyOptions.builder().trustedProxies("lb.internal"))
                .hasMessage("trusted proxy must be an IP address or a CIDR range, was 'lb.internal'");
    }

    @Test
    void toBuilder_roundTrips() {
        JettyOptions o = JettyOptions.builder().allowedOrigins("http://localhost:3000").trustedProxies("10.0.0.0/8")
                .ui(false).perMessageDeflate(true).closeTimeout(Duration.ofSeconds(1)).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void normalizeBase_variants() {
        assertThat(ChitChatJetty.normalizeBase("")).isEmpty();
        assertThat(ChitChatJetty.normalizeBase("/")).isEmpty();
        assertThat(ChitChatJetty.normalizeBase("/chat")).isEqualTo("/chat");
        assertThat(ChitChatJetty.normalizeBase("/apps/chat")).isEqualTo("/apps/chat");
        for (String bad : new String[] {"chat", "/chat/", "/ch*t", "/a//b", "/a/../b"}) {
            assertThatThrownBy(() -> ChitChatJetty.normalizeBase(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("base path must be");
        }
    }
}
