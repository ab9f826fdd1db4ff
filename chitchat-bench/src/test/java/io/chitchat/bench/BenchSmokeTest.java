package io.chitchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke test of the bench tool, not a benchmark: tiny scenarios against a server in this JVM must complete with
 * zero loss and reordering and print a well-formed RESULT line and reports. Nothing here is timed.
 */
class BenchSmokeTest {
    private static final String RESULT = "^RESULT scenario=[a-z-]+( [a-z0-9_]+=[^\\s=]+)+$";

    @TempDir
    Path dir;

    @Test
    void fanout_tinyInProcessRun_deliversEverythingInOrderAndPrintsResult() throws Exception {
        Path json = dir.resolve("fanout.json");
        Path html = dir.resolve("fanout.html");
        Map<String, String> result = run(0, "fanout", "--server", "inprocess", "--members", "20", "--senders", "2",
                "--rate", "100", "--warmup", "300ms", "--duration", "700ms", "--drain", "5s", "--quiet",
                "--json", json.toString(), "--html", html.toString());

        assertThat(result).containsEntry("lost", "0").containsEntry("gaps", "0").containsEntry("reordered", "0")
                .containsEntry("errors", "0").containsKeys("deliveries_per_s", "p50_ms", "p99_ms", "p999_ms",
                        "max_ms", "server_cpu_pct", "client_cpu_pct");
        assertThat(Long.parseLong(result.get("delivered"))).isPositive()
                .isEqualTo(Long.parseLong(result.get("expected")));
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("scenario").asText()).isEqualTo("fanout");
        assertThat(report.path("timeline").isArray()).isTrue();
        assertThat(report.path("latency_percentiles").size()).isPositive();
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "RESULT scenario=fanout").doesNotContain("<script", "src=\"http",
                "href=\"http");
    }

    @Test
    void fanout_closedLoopWithJettyClient_deliversEverything() throws Exception {
        Map<String, String> result = run(0, "fanout", "--server", "inprocess", "--client", "jetty",
                "--members", "10", "--rate", "0", "--window", "4", "--warmup", "200ms", "--duration", "500ms",
                "--quiet");

        assertThat(result).containsEntry("mode", "closed").containsEntry("lost", "0")
                .containsEntry("reordered", "0").containsEntry("gaps", "0");
    }

    @Test
    void bare_tinyInProcessRun_deliversEverything() throws Exception {
        Map<String, String> result = run(0, "bare", "--server", "inprocess", "--members", "10", "--rate", "50",
                "--warmup", "200ms", "--duration", "500ms", "--quiet");

        assertThat(result).containsEntry("lost", "0").containsEntry("reordered", "0").containsEntry("gaps", "0");
    }

    @Test
    void churn_tinyInProcessRun_leavesNoConnectionOrRoom() throws Exception {
        Map<String, String> result = run(0, "churn", "--server", "inprocess", "--clients", "6", "--rooms", "2",
                "--duration", "1500ms", "--drop-pct", "20", "--quiet");

        assertThat(result).containsEntry("leaked_connections", "0").containsEntry("leaked_rooms", "0")
                .containsEntry("failed_cycles", "0").containsEntry("gaps", "0").containsEntry("reordered", "0");
        assertThat(Long.parseLong(result.get("cycles"))).isPositive();
    }

    @Test
    void floor_tinyRunWithChildWriter_receivesEverythingAndPrintsResult() throws Exception {
        Map<String, String> result = run(0, "floor", "--connections", "20", "--rate", "20", "--warmup", "1s",
                "--duration", "2s", "--drain", "2s", "--quiet");

        assertThat(result).containsKeys("connections", "rate", "size", "writes", "server_us_per_write",
                        "server_user_us_per_write", "server_sys_us_per_write", "round_ms_p50", "round_ms_p99",
                        "server_cpu_pct", "client_cpu_pct")
                .containsEntry("lost_bytes", "0").containsEntry("bad_frames", "0")
                .containsEntry("write_errors", "0");
        assertThat(Long.parseLong(result.get("writes"))).isPositive();
        assertThat(result.get("received_bytes")).isEqualTo(result.get("expected_bytes"));
    }

    @Test
    void unknownOption_isRefused() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchMain.run(new String[] {"fanout", "--server", "inprocess", "--membrs", "3"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--membrs");
    }

    private static Map<String, String> run(int expectedStatus, String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchMain.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(status).as("exit status; stderr:%n%s", err.toString(StandardCharsets.UTF_8))
                .isEqualTo(expectedStatus);
        assertThat(stdout).as("stdout is one RESULT line").matches(RESULT);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : stdout.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }
}
