package io.chitchat.bench.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the {@link NioClientPool}: the HTTP upgrade, then WebSocket frames. Reading, parsing and closing
 * happen on the connection's loop thread; {@link #send} may be called from any thread and writes directly when
 * nothing is queued (the socket is non-blocking), queueing the rest for the loop.
 */
final class NioConnection implements ClientTransport {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 1;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int CONTINUATION = 0;
    private static final int KEEP_PENDING = 64 * 1024;

    private enum State { CONNECTING, HANDSHAKE, OPEN, CLOSING, CLOSED }

    private final NioClientPool.Loop loop;
    private final SocketChannel channel;
    private final BenchClient client;
    private final URI uri;
    private final CompletableFuture<Void> opened;
    private final ScheduledExecutorService timer;
    private final String key;
    private SelectionKey selectionKey;
    private volatile State state = State.CONNECTING;

    /** Bytes of an incomplete frame (or of the HTTP response) carried to the next read. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    private int need;
    /** A fragmented text message being assembled. */
    private byte[] message;
    private int messageLength;

    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private boolean writeInterest;

    NioConnection(NioClientPool.Loop loop, SocketChannel channel, BenchClient client, URI uri,
                  CompletableFuture<Void> opened, ScheduledExecutorService timer) {
        this.loop = loop;
        this.channel = channel;
        this.client = client;
        this.uri = uri;
        this.opened = opened;
        this.timer = timer;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    // ---------------------------------------------------------------- loop thread

    void register(boolean connected) {
        try {
            selectionKey = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                    this);
            if (connected) {
                startHandshake();
            }
        } catch (IOException e) {
            failHandshake(e);
        }
    }

    void ready(SelectionKey k) {
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                channel.finishConnect();
                k.interestOps(SelectionKey.OP_READ);
                startHandshake();
                return;
            }
            if (k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            if (state == State.CONNECTING || state == State.HANDSHAKE) {
                failHandshake(e);
            } else {
                shutdown(1006, e.toString());
            }
        }
    }

    private void startHandshake() throws IOException {
        state = State.HANDSHAKE;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    private void read() throws IOException {
        if (pendingLength == 0 && state == State.OPEN) {
            byte[] b = loop.readBuffer;
            ByteBuffer view = loop.readView;
            view.clear();
            int n = channel.read(view);
            if (n < 0) {
                shutdown(1006, "end of stream");
                return;
            }
            int used = frames(b, 0, n);
            if (used < n) {
                keep(b, used, n - used);
            }
            return;
        }
        int room = Math.max(need, pendingLength + 16 * 1024);
        if (pending.length < room) {
            byte[] bigger = new byte[Math.max(room, pending.length * 2)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
        int n = channel.read(ByteBuffer.wrap(pending, pendingLength, pending.length - pendingLength));
        if (n < 0) {
            if (state == State.HANDSHAKE) {
                failHandshake(new IOException("connection closed during the handshake"));
            } else {
                shutdown(1006, "end of stream");
            }
            return;
        }
        pendingLength += n;
        int used = 0;
        if (state == State.HANDSHAKE) {
            used = handshakeResponse();
            if (used < 0) {
                return;
            }
        }
        used = frames(pending, used, pendingLength);
        int left = pendingLength - used;
        if (left > 0 && used > 0) {
            System.arraycopy(pending, used, pending, 0, left);
        }
        pendingLength = left;
        if (left == 0 && pending.length > KEEP_PENDING) {
            pending = new byte[0];
        }
    }

    private void keep(byte[] b, int from, int n) {
        int room = Math.max(need, n);
        if (pending.length < room) {
            pending = new byte[Math.max(room, 1024)];
        }
        System.arraycopy(b, from, pending, 0, n);
        pendingLength = n;
    }

    /** Parses the HTTP response in {@link #pending}; returns the bytes it used, or -1 while incomplete. */
    private int handshakeResponse() throws IOException {
        int end = -1;
        for (int i = 3; i < pendingLength; i++) {
            if (pending[i] == '\n' && pending[i - 1] == '\r' && pending[i - 2] == '\n' && pending[i - 3] == '\r') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            if (pendingLength > 16 * 1024) {
                throw new IOException("handshake response too long");
            }
            return -1;
        }
        String head = new String(pending, 0, end, StandardCharsets.ISO_8859_1);
        String status = head.substring(0, head.indexOf('\r'));
        if (!status.contains(" 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        String accept = header(head, "sec-websocket-accept");
        if (!expectedAccept().equals(accept)) {
            throw new IOException("bad Sec-WebSocket-Accept: " + accept);
        }
        state = State.OPEN;
        client.opened(this);
        opened.complete(null);
        return end;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private String expectedAccept() {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** Handles the complete frames in {@code b[from, end)}; returns where the first incomplete one starts. */
    private int frames(byte[] b, int from, int end) {
        int p = from;
        need = 0;
        while (end - p >= 2 && state != State.CLOSED) {
            int b0 = b[p] & 0xff;
            int b1 = b[p + 1] & 0xff;
            long length = b1 & 0x7f;
            int header = 2;
            if (length == 126) {
                if (end - p < 4) {
                    break;
                }
                length = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (end - p < 10) {
                    break;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (b[p + i] & 0xff);
                }
                header = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            if (masked) {
                header += 4;
            }
            if (length > Integer.MAX_VALUE - 64) {
                shutdown(1009, "frame too large");
                return end;
            }
            if (end - p < header + length) {
                need = header + (int) length;
                break;
            }
            int payload = p + header;
            if (masked) {
                for (int i = 0; i < length; i++) {
                    b[payload + i] ^= b[payload - 4 + (i & 3)];
                }
            }
            frame(b0 & 0x0f, (b0 & 0x80) != 0, b, payload, (int) length);
            p = payload + (int) length;
        }
        return p;
    }

    private void frame(int opcode, boolean fin, byte[] b, int off, int len) {
        switch (opcode) {
            case TEXT -> {
                if (fin) {
                    client.message(b, off, len);
                } else {
                    messageLength = 0;
                    append(b, off, len);
                }
            }
            case CONTINUATION -> {
                append(b, off, len);
                if (fin) {
                    int n = messageLength;
                    messageLength = 0;
                    client.message(message, 0, n);
                    message = null;
                }
            }
            case CLOSE -> {
                int code = len >= 2 ? ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff) : 1005;
                String reason = len > 2 ? new String(b, off + 2, len - 2, StandardCharsets.UTF_8) : null;
                if (state == State.OPEN) {
                    sendFrame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
                }
                shutdown(code, reason);
            }
            case PING -> {
                byte[] payload = new byte[len];
                System.arraycopy(b, off, payload, 0, len);
                sendFrame(0xA, payload);
            }
            default -> { }
        }
    }

    private void append(byte[] b, int off, int len) {
        if (message == null || message.length < messageLength + len) {
            byte[] bigger = new byte[Math.max(messageLength + len, message == null ? 1024 : message.length * 2)];
            if (message != null) {
                System.arraycopy(message, 0, bigger, 0, messageLength);
            }
            message = bigger;
        }
        System.arraycopy(b, off, message, messageLength, len);
        messageLength += len;
    }

    void failHandshake(Throwable cause) {
        if (opened.completeExceptionally(cause)) {
            state = State.CLOSED;
            try {
                channel.close();
            } catch (IOException e) {
                // already failed
            }
        }
    }

    /** Closes the socket and tells the client (once). Runs on the loop, or when the loop stops. */
    void shutdown(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = state == State.OPEN || state == State.CLOSING;
        state = State.CLOSED;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (wasOpen) {
            client.closed(code, reason);
        } else {
            opened.completeExceptionally(new IOException("closed before open: " + reason));
        }
    }

    // ---------------------------------------------------------------- any thread

    @Override
    public void send(String text) {
        sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private void sendFrame(int opcode, byte[] payload) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + len];
        frame[0] = (byte) (0x80 | opcode);
        if (len < 126) {
            frame[1] = (byte) (0x80 | len);
        } else if (len < 65_536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (len >> 8);
            frame[3] = (byte) len;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        int m = header;
        frame[m] = (byte) (mask >> 24);
        frame[m + 1] = (byte) (mask >> 16);
        frame[m + 2] = (byte) (mask >> 8);
        frame[m + 3] = (byte) mask;
        for (int i = 0; i < len; i++) {
            frame[m + 4 + i] = (byte) (payload[i] ^ frame[m + (i & 3)]);
        }
        try {
            write(ByteBuffer.wrap(frame));
        } catch (IOException e) {
            loop.execute(() -> shutdown(1006, e.toString()));
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        synchronized (out) {
            if (state == State.CLOSED) {
                return;
            }
            if (out.isEmpty()) {
                try {
                    channel.write(buffer);
                } catch (ClosedChannelException e) {
                    return;
                }
                if (!buffer.hasRemaining()) {
                    return;
                }
            }
            out.add(buffer);
            if (!writeInterest) {
                writeInterest = true;
                if (loop.inLoop()) {
                    interest(true);
                } else {
                    loop.execute(() -> interest(true));
                }
            }
        }
    }

    private void interest(boolean write) {
        if (selectionKey != null && selectionKey.isValid()) {
            selectionKey.interestOps(write ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void flush() throws IOException {
        synchronized (out) {
            while (!out.isEmpty()) {
                ByteBuffer b = out.peek();
                channel.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                out.poll();
            }
            writeInterest = false;
            interest(false);
        }
    }

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        byte[] reason = "bye".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (1000 >> 8);
        payload[1] = (byte) (1000 & 0xff);
        System.arraycopy(reason, 0, payload, 2, reason.length);
        sendFrame(CLOSE, payload);
        // a server that does not answer the close is cut off
        timer.schedule(() -> loop.execute(() -> shutdown(1006, "close not answered")), 5, TimeUnit.SECONDS);
    }

    @Override
    public void abort() {
        loop.execute(() -> shutdown(1006, "aborted"));
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }
}
