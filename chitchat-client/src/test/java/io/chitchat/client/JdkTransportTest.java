package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The real java.net.http path as far as it goes without a WebSocket server: the handshake request and its refusal. */
class JdkTransportTest {

    @Test
    void connect_serverRefusesTheHandshake_failsWithItsStatusAfterSendingTheHeaders() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> request = CompletableFuture.supplyAsync(() -> refuse(server));
            ChitChatClient client = ChitChatClient.builder(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws"))
                    .header("Origin", "https://evil.example")
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            CompletableFuture<Void> connected = client.connect();

            assertThat(connected).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
            assertThat(request.get()).anyMatch(line -> line.equalsIgnoreCase("Origin: https://evil.example"))
                    .anyMatch(line -> line.toLowerCase().startsWith("upgrade: websocket"));
            assertThat(client.closed()).succeedsWithin(Duration.ofSeconds(5));
            assertThat(client.state()).isEqualTo(ClientState.CLOSED);
        }
    }

    /** Reads one HTTP request's head and answers 403, as a server refusing a foreign Origin does. */
    private static List<String> refuse(ServerSocket server) {
        try (Socket s = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                lines.add(line);
            }
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
