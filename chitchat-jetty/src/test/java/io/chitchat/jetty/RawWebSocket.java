package io.chitchat.jetty;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket, for what well-behaved clients never do: not answering pings, not reading.
 * Reads the server's (unmasked) frames one at a time.
 */
final class RawWebSocket implements AutoCloseable {
    final Socket socket;
    final java.util.List<String> responseHeaders = new java.util.ArrayList<>();
    private final DataInputStream in;

    /** A frame from the server. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the handshake; with a small receive buffer the client can be made to stall early. */
    static RawWebSocket connect(int port, String path, int receiveBuffer, String... extraHeaderLines)
            throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        byte[] key = new byte[16];
        new java.util.Random().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + String.join("", java.util.Arrays.stream(extraHeaderLines).map(h -> h + "\r\n").toList())
                + "\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawWebSocket ws = new RawWebSocket(s);
        String status = ws.readLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("handshake refused: " + status);
        }
        for (String line = ws.readLine(); !line.isEmpty(); line = ws.readLine()) {
            ws.responseHeaders.add(line);
        }
        return ws;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed during handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        sendFrame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame with any opcode, final or not, and any payload (even invalid UTF-8 in a text frame). */
    void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        new java.util.Random().nextBytes(mask);
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frame too large for this test client");
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame that is not a ping, or null at end of stream. */
    Frame readSkippingPings() throws IOException {
        Frame f = read();
        while (f != null && f.opcode() == 0x9) {
            f = read();
        }
        return f;
    }

    /** Reads frames until a close frame (its status code) or the end of the stream (-1). */
    int awaitCloseCode() throws IOException {
        for (Frame f = read(); f != null; f = read()) {
            if (f.opcode() == 0x8) {
                return f.payload().length >= 2 ? ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff) : 1005;
            }
        }
        return -1;
    }

    /** The next frame, or null at end of stream. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
