/**
 * The Jetty 12 (ee10 servlet context, Jetty core WebSocket) transport of ChitChat: {@link io.chitchat.jetty.ChitChatJetty#mount}
 * puts an engine under a path of a {@code ServletContextHandler}; {@link io.chitchat.jetty.ChitChatServer} is the
 * standalone server; {@link io.chitchat.jetty.JettyOptions} configures both. Everything else is package-private.
 *
 * <p>The module is a thin adapter: it turns Jetty's callbacks into {@code ChitChat.open}, {@code onText} and
 * {@code onClose} calls, and the engine's sends into non-blocking Jetty writes. It knows nothing of rooms.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Jetty's threads run handshakes (origin check, handshake capture), deliver a connection's messages one at a
 *   time to the engine, and complete writes. Nothing here blocks them: the engine queues work on its own
 *   executors, and writes are queued by Jetty's core session.</li>
 *   <li>The engine's threads call {@code send} and {@code close} of a connection, from any thread; both return at
 *   once.</li>
 *   <li>One timer thread per mount ({@code ConnectionSupervisor}) pings connections that have been silent for the
 *   ping interval, closes those silent for the idle timeout, and aborts connections whose close handshake has
 *   not finished within the close timeout (a client that stopped reading never answers it).</li>
 * </ul>
 *
 * <h2>Why Jetty's core WebSocket API</h2>
 * The handshake filter upgrades requests with Jetty's core {@code Handshaker}, and each connection is a core
 * {@code FrameHandler}: no Jakarta (or Jetty API) session sits in between. Measured on the same benchmark
 * ({@code chitchat-bench connections --connections 5000}), an idle joined connection took 14.8 KB of heap through
 * Jakarta WebSocket (per-session decoders and encoders, bound method handles, the retained upgrade request) and
 * 7.2 KB on the core API. The application's own Jakarta or Jetty WebSocket endpoints in the same context are left
 * alone: nothing is added to the context's WebSocket mappings.
 *
 * <h2>Send path</h2>
 * Frames go through Jetty's {@code CoreSession.sendFrame} with a read-only view of the frame's UTF-8 bytes, which
 * the engine encodes once per frame; a {@code sendText(String)} API would encode the text again for every
 * recipient. permessage-deflate is off by default for the same reason (it compresses per recipient).
 */
package io.chitchat.jetty;
