package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static ServerOptions parse(String... args) {
        return ServerOptions.parse(args, Map.of());
    }

    @Test
    void parse_nothing_defaults() {
        ServerOptions o = parse();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.host()).isNull();
        assertThat(o.allowedOrigins()).isEmpty();
        assertThat(o.trustedProxies()).isEmpty();
        assertThat(o.grace()).isNull();
        assertThat(o.maxText()).isNull();
        assertThat(o.help()).isFalse();
    }

    @Test
    void parse_everyOption_bothForms() {
        ServerOptions o = parse("--port", "9000", "--host=127.0.0.1", "--allowed-origins", "https://a.example, http://b:3000",
                "--grace=30", "--max-text", "500", "--trusted-proxies=127.0.0.1, 10.0.0.0/8");
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.allowedOrigins()).containsExactly("https://a.example", "http://b:3000");
        assertThat(o.trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(o.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxText()).isEqualTo(500);
    }

    @Test
    void parse_envPort_usedUnlessOptionGiven() {
        assertThat(ServerOptions.parse(new String[0], Map.of("PORT", "7000")).port()).isEqualTo(7000);
        assertThat(ServerOptions.parse(new String[] {"--port", "7001"}, Map.of("PORT", "7000")).port()).isEqualTo(7001);
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("PORT", "http")))
                .hasMessage("PORT must be a whole number, was 'http'");
    }

    @Test
    void parse_help_flagged() {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
    }

    @Test
    void parse_badOptions_clearMessages() {
        assertThatThrownBy(() -> parse("--prot", "80")).hasMessage("unknown option --prot");
        assertThatThrownBy(() -> parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> parse("--port", "--host", "x")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> parse("--port", "eighty")).hasMessage("--port must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessage("--port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> parse("--grace", "-1")).hasMessage("--grace must be between 0 and 86400, was -1");
        assertThatThrownBy(() -> parse("--max-text", "0")).hasMessage("--max-text must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> parse("8080")).hasMessage("unexpected argument '8080'");
    }

    @Test
    void parse_cluster_optionsAndEnvironment() {
        ServerOptions o = parse("--redis", "redis://127.0.0.1:6379", "--node-id=a", "--cluster-secret", "s3");
        assertThat(o.redis()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(o.nodeId()).isEqualTo("a");
        assertThat(o.clusterSecret()).isEqualTo("s3");
        ServerOptions fromEnv = ServerOptions.parse(new String[0],
                Map.of("CHITCHAT_REDIS_URL", "redis://r:6379", "CHITCHAT_CLUSTER_SECRET", "env-secret"));
        assertThat(fromEnv.redis()).isEqualTo("redis://r:6379");
        assertThat(fromEnv.clusterSecret()).isEqualTo("env-secret");
        assertThat(parse().redis()).isNull();
    }

    @Test
    void parse_clusterWithoutSecret_refused() {
        assertThatThrownBy(() -> parse("--redis", "redis://127.0.0.1:6379"))
                .hasMessage("--cluster-secret (or CHITCHAT_CLUSTER_SECRET) is required with --redis: every node shares it");
        assertThatThrownBy(() -> parse("--node-id", "a"))
                .hasMessage("--node-id and --cluster-secret need --redis (or CHITCHAT_REDIS_URL)");
    }
}
