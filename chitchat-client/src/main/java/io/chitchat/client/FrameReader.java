package io.chitchat.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebSocket.Listener} of one connection: joins partial text frames, hands each whole frame to the
 * {@link Transport.Handler}, and asks for the next frame only when the handler has processed it, so a client
 * that cannot keep up is seen by the server as a slow reader (close 4001) instead of buffering without bound.
 *
 * <p>Not thread-safe, and need not be: {@code java.net.http} calls a listener one method at a time.
 */
final class FrameReader implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);
    static final int FRAME_TOO_LARGE = 1009;

    private final Transport.Handler handler;
    private final TextAssembler assembler;
    private boolean ended;

    FrameReader(Transport.Handler handler, int maxFrameChars) {
        this.handler = handler;
        this.assembler = new TextAssembler(maxFrameChars);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        handler.onOpen(new JdkTransport.JdkConnection(webSocket));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (ended) {
            return null;
        }
        String text;
        try {
            text = assembler.append(data, last);
        } catch (TextAssembler.FrameTooLargeException e) {
            LOG.warn("Dropping the connection: {}", e.getMessage());
            webSocket.abort();
            end(FRAME_TOO_LARGE, "frame too large");
            return null;
        }
        if (text == null) {
            webSocket.request(1);
        } else {
            handler.onText(text).whenComplete((v, e) -> webSocket.request(1));
        }
        // the data was copied: the WebSocket may reuse its buffer at once
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // protocol v1 is text only; a binary frame from the server is ignored
        if (last) {
            LOG.debug("Ignoring a binary frame from the server");
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.debug("Connection failed", error);
        end(CloseStatus.ABNORMAL, error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
    }

    private void end(int code, String reason) {
        if (!ended) {
            ended = true;
            handler.onClose(code, reason == null ? "" : reason);
        }
    }
}
