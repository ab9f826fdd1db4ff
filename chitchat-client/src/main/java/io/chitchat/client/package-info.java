/**
 * A Java client for ChitChat protocol v1 on {@code java.net.http.WebSocket}.
 *
 * <p>Public: {@link io.chitchat.client.ChitChatClient} (built by {@link io.chitchat.client.ChitChatClientBuilder}),
 * {@link io.chitchat.client.ClientListener}, the values {@link io.chitchat.client.JoinOptions},
 * {@link io.chitchat.client.JoinedRoom}, {@link io.chitchat.client.ReconnectPolicy},
 * {@link io.chitchat.client.CloseStatus}, {@link io.chitchat.client.ClientState} and
 * {@link io.chitchat.client.ChitChatClientException}. Frames are the records of {@code io.chitchat.protocol}.
 *
 * <h2>Threading</h2>
 * Each client owns one event thread. All of its state (pending requests, tracked rooms, the connection's
 * life cycle) is confined to that thread: public methods hand their work to it and return futures; the
 * WebSocket's callbacks are turned into tasks for it. Listeners are called and futures completed on it, in
 * order, so nothing there may block. Writes go through a queue that keeps one {@code sendText} outstanding, as
 * {@code java.net.http} requires. The next frame is read only once the event thread has processed the previous
 * one, so a client that cannot keep up applies back-pressure and the server sees it as slow (close 4001)
 * instead of the client buffering without bound.
 */
package io.chitchat.client;
