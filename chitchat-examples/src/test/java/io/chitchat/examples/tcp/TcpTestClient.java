package io.chitchat.examples.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.testkit.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TestClient} over the TCP transport in JSON mode: it sends {@code /json} first, skips the text banner,
 * and turns the transport's {@code close} line into the close code.
 */
final class TcpTestClient extends TestClient {
    private final Socket socket;
    private final OutputStream out;

    TcpTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "tcp-test-client");
        reader.setDaemon(true);
        reader.start();
        sendRaw("/json");
    }

    // tag::testclient[]
    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue; // the banner, written before the client chose JSON
                }
                JsonNode frame = JSON.readTree(line);
                if ("close".equals(frame.path("type").asText())) {
                    closed(frame.path("code").asInt());
                } else {
                    received(line);
                }
            }
            closed(1006); // ended without a close line
        } catch (IOException e) {
            closed(1006);
        }
    }
    // end::testclient[]

    @Override
    public synchronized void sendRaw(String text) {
        try {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            socket.shutdownOutput();
            socket.close();
        } catch (IOException e) {
            // already gone
        }
        closed(1000);
    }

    @Override
    public void drop() {
        try {
            socket.setSoLinger(true, 0); // a reset, as a network failure would look
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
