package io.chitchat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes protocol v1 frames with Jackson. Decoding a client frame checks JSON syntax and
 * field types ({@code bad_request}); the values themselves are checked by the engine.
 *
 * <p>Thread-safe: one instance may be shared by any number of threads.
 */
public final class ProtocolCodec {
    /** The protocol version this codec speaks. */
    public static final int PROTOCOL_VERSION = 1;
    /** The longest {@code ref} a client may send. */
    public static final int MAX_REF_LENGTH = 64;

    private static final int MAX_NESTING = 16;

    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public ProtocolCodec() {
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(32)
                        .maxStringLength(8 * 1024 * 1024)
                        .build())
                .build();
        mapper = new ObjectMapper(factory);
    }

    // ---------------------------------------------------------------- client -> server

    /**
     * Decodes a frame sent by a client.
     *
     * @throws ProtocolException with {@code bad_request} for malformed JSON, a missing {@code type}, an
     *     unknown type, a missing required field or a field of the wrong JSON type
     */
    public ClientFrame decodeClient(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(null, "malformed JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw bad(null, "a frame must be a JSON object");
        }
        Fields f = new Fields(root);
        String ref = f.optionalString("ref");
        if (ref != null && ref.length() > MAX_REF_LENGTH) {
            throw bad(null, "ref is longer than " + MAX_REF_LENGTH + " characters");
        }
        f.ref = ref;
        String type = f.requiredString("type");
        return switch (type) {
            case "create" -> new ClientFrame.Create(ref, f.optionalString("room"), f.requiredString("name"),
                    f.optionalString("password"));
            case "join" -> new ClientFrame.Join(ref, f.requiredString("room"), f.requiredString("name"),
                    f.optionalString("password"), f.optionalLong("since"), f.optionalString("epoch"),
                    f.optionalString("resume"));
            case "send" -> new ClientFrame.Send(ref, f.requiredString("room"), f.requiredString("text"),
                    f.optionalString("cid"));
            case "typing" -> new ClientFrame.Typing(ref, f.requiredString("room"));
            case "leave" -> new ClientFrame.Leave(ref, f.requiredString("room"));
            case "history" -> new ClientFrame.History(ref, f.requiredString("room"), f.optionalLong("before"),
                    f.optionalInt("limit"));
            case "ping" -> new ClientFrame.Ping(ref);
            default -> throw bad(ref, "unknown type '" + abbreviate(type) + "'");
        };
    }

    /** Encodes a client frame (used by clients). */
    public String encode(ClientFrame frame) {
        ObjectNode o = mapper.createObjectNode();
        if (frame instanceof ClientFrame.Create c) {
            o.put("type", "create");
            putIfSet(o, "room", c.room());
            o.put("name", c.name());
            putIfSet(o, "password", c.password());
        } else if (frame instanceof ClientFrame.Join j) {
            o.put("type", "join");
            o.put("room", j.room());
            o.put("name", j.name());
            putIfSet(o, "password", j.password());
            if (j.since() != null) {
                o.put("since", j.since());
            }
            putIfSet(o, "epoch", j.epoch());
            putIfSet(o, "resume", j.resume());
        } else if (frame instanceof ClientFrame.Send s) {
            o.put("type", "send");
            o.put("room", s.room());
            o.put("text", s.text());
            putIfSet(o, "cid", s.cid());
        } else if (frame instanceof ClientFrame.Typing t) {
            o.put("type", "typing");
            o.put("room", t.room());
        } else if (frame instanceof ClientFrame.Leave l) {
            o.put("type", "leave");
            o.put("room", l.room());
        } else if (frame instanceof ClientFrame.History h) {
            o.put("type", "history");
            o.put("room", h.room());
            if (h.before() != null) {
                o.put("before", h.before());
            }
            if (h.limit() != null) {
                o.put("limit", h.limit());
            }
        } else if (frame instanceof ClientFrame.Ping) {
            o.put("type", "ping");
        }
        putIfSet(o, "ref", frame.ref());
        return o.toString();
    }

    // ---------------------------------------------------------------- server -> client

    /** Encodes a server frame to its JSON text. */
    public String encode(ServerFrame frame) {
        StringWriter out = new StringWriter(frame instanceof ServerFrame.Joined ? 1024 : 160);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g, ServerFrame frame) throws IOException {
        g.writeStartObject();
        if (frame instanceof Entry e) {
            writeEntryFields(g, e);
        } else if (frame instanceof ServerFrame.Ack a) {
            g.writeStringField("type", "ack");
            ref(g, a.ref());
            g.writeStringField("room", a.room());
            g.writeNumberField("seq", a.seq());
            if (a.cid() != null) {
                g.writeStringField("cid", a.cid());
            }
        } else if (frame instanceof ServerFrame.Presence p) {
            g.writeStringField("type", "presence");
            g.writeStringField("room", p.room());
            g.writeNumberField("count", p.count());
            g.writeFieldName("joined");
            members(g, p.joined());
            g.writeFieldName("left");
            members(g, p.left());
        } else if (frame instanceof ServerFrame.TypingNotice t) {
            g.writeStringField("type", "typing");
            g.writeStringField("room", t.room());
            g.writeFieldName("member");
            member(g, t.member());
        } else if (frame instanceof ServerFrame.Joined j) {
            g.writeStringField("type", "joined");
            ref(g, j.ref());
            g.writeStringField("room", j.room());
            g.writeBooleanField("protected", j.isProtected());
            g.writeFieldName("you");
            member(g, j.you());
            g.writeFieldName("members");
            members(g, j.members());
            g.writeNumberField("count", j.count());
            g.writeFieldName("history");
            entries(g, j.history());
            g.writeNumberField("seq", j.seq());
            g.writeStringField("epoch", j.epoch());
            if (j.recovered() != null) {
                g.writeBooleanField("recovered", j.recovered());
            }
            g.writeStringField("resume", j.resume());
        } else if (frame instanceof ServerFrame.Welcome w) {
            g.writeStringField("type", "welcome");
            g.writeNumberField("protocol", w.protocol());
            g.writeStringField("server", w.server());
            g.writeObjectFieldStart("limits");
            g.writeNumberField("maxText", w.limits().maxText());
            g.writeNumberField("maxFrame", w.limits().maxFrame());
            double rate = w.limits().rate();
            if (rate == Math.rint(rate)) {
                g.writeNumberField("rate", (long) rate);
            } else {
                g.writeNumberField("rate", rate);
            }
            g.writeNumberField("burst", w.limits().burst());
            g.writeEndObject();
        } else if (frame instanceof ServerFrame.Left l) {
            g.writeStringField("type", "left");
            ref(g, l.ref());
            g.writeStringField("room", l.room());
            if (l.reason() != null) {
                g.writeStringField("reason", l.reason());
            }
        } else if (frame instanceof ServerFrame.History h) {
            g.writeStringField("type", "history");
            ref(g, h.ref());
            g.writeStringField("room", h.room());
            g.writeFieldName("messages");
            entries(g, h.messages());
            g.writeBooleanField("complete", h.complete());
        } else if (frame instanceof ServerFrame.Pong p) {
            g.writeStringField("type", "pong");
            ref(g, p.ref());
        } else if (frame instanceof ServerFrame.Error e) {
            g.writeStringField("type", "error");
            ref(g, e.ref());
            g.writeStringField("code", e.code().wire());
            g.writeStringField("message", e.message());
        }
        g.writeEndObject();
    }

    private static void writeEntryFields(JsonGenerator g, Entry entry) throws IOException {
        if (entry instanceof Entry.Message m) {
            g.writeStringField("type", "message");
            g.writeStringField("room", m.room());
            g.writeNumberField("seq", m.seq());
            g.writeNumberField("ts", m.ts());
            g.writeFieldName("from");
            member(g, m.from());
            g.writeStringField("text", m.text());
            if (m.cid() != null) {
                g.writeStringField("cid", m.cid());
            }
        } else if (entry instanceof Entry.SystemEvent s) {
            g.writeStringField("type", "system");
            g.writeStringField("room", s.room());
            g.writeNumberField("seq", s.seq());
            g.writeNumberField("ts", s.ts());
            g.writeStringField("event", s.event());
            g.writeFieldName("member");
            member(g, s.member());
        }
    }

    private static void entries(JsonGenerator g, List<Entry> entries) throws IOException {
        g.writeStartArray();
        for (Entry e : entries) {
            g.writeStartObject();
            writeEntryFields(g, e);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes a member array as one raw value, each string escaped by Jackson's {@link JsonStringEncoder}: the same
     * JSON as an object per member through the generator, at a fraction of the cost, which matters for the member
     * list of a {@code joined} in a large room (thousands of members, one such frame per join).
     */
    private static void members(JsonGenerator g, List<Member> members) throws IOException {
        StringBuilder json = new StringBuilder(2 + members.size() * 48).append('[');
        for (int i = 0, n = members.size(); i < n; i++) {
            Member m = members.get(i);
            json.append(i == 0 ? "{\"id\":\"" : ",{\"id\":\"");
            QUOTER.quoteAsString(m.id(), json);
            json.append("\",\"name\":\"");
            QUOTER.quoteAsString(m.name(), json);
            json.append("\"}");
        }
        g.writeRawValue(json.append(']').toString());
    }

    private static void member(JsonGenerator g, Member m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.id());
        g.writeStringField("name", m.name());
        g.writeEndObject();
    }

    private static void ref(JsonGenerator g, String ref) throws IOException {
        if (ref != null) {
            g.writeStringField("ref", ref);
        }
    }

    /**
     * Decodes a frame sent by a server (used by clients). Unknown types and malformed frames throw
     * {@link ProtocolException}.
     */
    public ServerFrame decodeServer(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(null, "malformed JSON from server: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw bad(null, "a frame must be a JSON object");
        }
        String type = root.path("type").asText("");
        String ref = root.hasNonNull("ref") ? root.get("ref").asText() : null;
        return switch (type) {
            case "welcome" -> {
                JsonNode l = root.path("limits");
                yield new ServerFrame.Welcome(root.path("protocol").asInt(), root.path("server").asText(),
                        new ServerFrame.Limits(l.path("maxText").asInt(), l.path("maxFrame").asInt(),
                                l.path("rate").asDouble(), l.path("burst").asInt()));
            }
            case "joined" -> new ServerFrame.Joined(ref, root.path("room").asText(),
                    root.path("protected").asBoolean(), readMember(root.path("you")),
                    readMembers(root.path("members")), root.path("count").asInt(),
                    readEntries(root.path("history")), root.path("seq").asLong(), root.path("epoch").asText(null),
                    root.hasNonNull("recovered") ? root.get("recovered").asBoolean() : null,
                    root.path("resume").asText(null));
            case "ack" -> new ServerFrame.Ack(ref, root.path("room").asText(), root.path("seq").asLong(),
                    root.hasNonNull("cid") ? root.get("cid").asText() : null);
            case "message", "system" -> readEntry(root);
            case "presence" -> new ServerFrame.Presence(root.path("room").asText(), root.path("count").asInt(),
                    readMembers(root.path("joined")), readMembers(root.path("left")));
            case "typing" -> new ServerFrame.TypingNotice(root.path("room").asText(),
                    readMember(root.path("member")));
            case "left" -> new ServerFrame.Left(ref, root.path("room").asText(),
                    root.hasNonNull("reason") ? root.get("reason").asText() : null);
            case "history" -> new ServerFrame.History(ref, root.path("room").asText(),
                    readEntries(root.path("messages")), root.path("complete").asBoolean());
            case "pong" -> new ServerFrame.Pong(ref);
            case "error" -> new ServerFrame.Error(ref, ErrorCode.fromWire(root.path("code").asText()),
                    root.path("message").asText(""));
            default -> throw bad(ref, "unknown server frame type '" + abbreviate(type) + "'");
        };
    }

    private static Entry readEntry(JsonNode n) {
        String type = n.path("type").asText();
        if ("message".equals(type)) {
            return new Entry.Message(n.path("room").asText(), n.path("seq").asLong(), n.path("ts").asLong(),
                    readMember(n.path("from")), n.path("text").asText(),
                    n.hasNonNull("cid") ? n.get("cid").asText() : null);
        }
        if ("system".equals(type)) {
            return new Entry.SystemEvent(n.path("room").asText(), n.path("seq").asLong(), n.path("ts").asLong(),
                    n.path("event").asText(), readMember(n.path("member")));
        }
        throw bad(null, "not an entry: '" + abbreviate(type) + "'");
    }

    private static List<Entry> readEntries(JsonNode array) {
        List<Entry> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            String type = n.path("type").asText();
            // a server may add entry types: skip what this client does not know instead of failing the reply
            if ("message".equals(type) || "system".equals(type)) {
                out.add(readEntry(n));
            }
        }
        return out;
    }

    private static Member readMember(JsonNode n) {
        return new Member(n.path("id").asText(""), n.path("name").asText(""));
    }

    private static List<Member> readMembers(JsonNode array) {
        List<Member> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(readMember(n));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static ProtocolException bad(String ref, String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, ref, message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Typed access to the fields of one request, with {@code bad_request} for the wrong JSON type. */
    private static final class Fields {
        private final JsonNode root;
        private String ref;

        Fields(JsonNode root) {
            this.root = root;
        }

        String requiredString(String name) {
            String v = optionalString(name);
            if (v == null) {
                throw bad(ref, "'" + name + "' is required");
            }
            return v;
        }

        String optionalString(String name) {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isTextual()) {
                throw bad(ref, "'" + name + "' must be a string");
            }
            return n.textValue();
        }

        Long optionalLong(String name) {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw bad(ref, "'" + name + "' must be an integer");
            }
            long v = n.longValue();
            if (v < 0) {
                throw bad(ref, "'" + name + "' must not be negative");
            }
            return v;
        }

        Integer optionalInt(String name) {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw bad(ref, "'" + name + "' must be an integer");
            }
            return n.intValue();
        }
    }
}
