package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses proxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.1", "::1"));

    @Test
    void resolve_noTrustedProxies_peer() {
        assertThat(new ClientAddresses(List.of()).resolve("10.0.0.1", List.of("1.2.3.4"))).isEqualTo("10.0.0.1");
    }

    @Test
    void resolve_untrustedPeer_peerEvenWithHeader() {
        assertThat(proxies.resolve("8.8.8.8", List.of("1.2.3.4"))).isEqualTo("8.8.8.8");
    }

    @Test
    void resolve_trustedChain_rightMostUntrusted() {
        assertThat(proxies.resolve("10.0.0.1", List.of("6.6.6.6, 1.2.3.4", "192.168.1.1"))).isEqualTo("1.2.3.4");
    }

    @Test
    void resolve_portsAndIpv6_stripped() {
        assertThat(proxies.resolve("0:0:0:0:0:0:0:1", List.of("1.2.3.4:5678"))).isEqualTo("1.2.3.4");
        assertThat(proxies.resolve("10.0.0.1", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8::1");
        assertThat(proxies.resolve("10.0.0.1", List.of("2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void resolve_bracketedIpv6Peer_unbracketedAndMatchedAgainstProxies() {
        // Jetty 12 reports an IPv6 peer as "[::1]"
        assertThat(new ClientAddresses(List.of()).resolve("[2001:db8::7]", List.of())).isEqualTo("2001:db8::7");
        assertThat(proxies.resolve("[::1]", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.resolve("[::1]", List.of())).isEqualTo("::1");
    }

    @Test
    void resolve_garbageHop_lastTrustedHop() {
        assertThat(proxies.resolve("10.0.0.1", List.of("evil.example, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(proxies.resolve("10.0.0.1", List.of("not an address"))).isEqualTo("10.0.0.1");
    }

    @Test
    void parse_hostName_rejectedWithoutLookup() {
        assertThatThrownBy(() -> AddressRange.parse("proxy.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
                .hasMessageContaining("prefix length must be between 0 and 32");
    }

    @Test
    void contains_cidrBoundaries() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertThat(range.contains(AddressRange.literal("172.31.255.255"))).isTrue();
        assertThat(range.contains(AddressRange.literal("172.32.0.0"))).isFalse();
        assertThat(range.contains(AddressRange.literal("::1"))).isFalse();
    }
}
