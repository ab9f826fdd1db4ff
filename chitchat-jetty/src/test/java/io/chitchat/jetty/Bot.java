package io.chitchat.jetty;

import com.fasterxml.jackson.databind.JsonNode;

/** A participant on the JDK WebSocket client, speaking protocol v1 in a browser test's room. Not thread-safe. */
final class Bot implements AutoCloseable {
    private final WsClient ws;
    private final String room;
    private int refs;

    private Bot(WsClient ws, String room) {
        this.ws = ws;
        this.room = room;
    }

    static Bot join(WsClient ws, String room, String name, String password) {
        Bot bot = new Bot(ws, room);
        String ref = bot.nextRef();
        if (password == null) {
            ws.send("type", "join", "room", room, "name", name, "ref", ref);
        } else {
            ws.send("type", "join", "room", room, "name", name, "password", password, "ref", ref);
        }
        JsonNode reply = ws.next(m -> ref.equals(m.path("ref").asText()));
        if (!"joined".equals(reply.path("type").asText())) {
            throw new AssertionError(name + " could not join " + room + ": " + reply);
        }
        return bot;
    }

    /** Sends a message and waits for its ack; returns its seq. */
    long send(String text) {
        String ref = nextRef();
        ws.send("type", "send", "room", room, "text", text, "ref", ref);
        JsonNode reply = ws.next(m -> ref.equals(m.path("ref").asText()));
        if (!"ack".equals(reply.path("type").asText())) {
            throw new AssertionError("send was refused: " + reply);
        }
        return reply.path("seq").asLong();
    }

    void typing() {
        ws.send("type", "typing", "room", room);
    }

    private String nextRef() {
        return "b" + ++refs;
    }

    /** Leaves the room (so that the others see it at once) and closes the connection. */
    @Override
    public void close() {
        ws.send("type", "leave", "room", room);
        ws.close();
    }
}
