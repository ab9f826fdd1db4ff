package io.chitchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void clientFrames_encodeThenDecode_roundTrip() {
        List<ClientFrame> frames = List.of(
                new ClientFrame.Create("1", null, "Alice", null),
                new ClientFrame.Create("2", "room", "Bob", "pw"),
                new ClientFrame.Join("3", "room", "Bob", null, 5L, "ep", "tok"),
                new ClientFrame.Send("4", "room", "hi \"there\"\n", "c1"),
                new ClientFrame.Typing(null, "room"),
                new ClientFrame.Leave("6", "room"),
                new ClientFrame.History("7", "room", 10L, 20),
                new ClientFrame.Ping("8"));
        for (ClientFrame f : frames) {
            assertThat(codec.decodeClient(codec.encode(f))).isEqualTo(f);
        }
    }

    @Test
    void serverFrames_encodeThenDecode_roundTrip() {
        Member a = new Member("id1", "Alice <b>");
        Entry m = new Entry.Message("r", 2, 1000, a, "text \u2028 😀", "c");
        Entry s = new Entry.SystemEvent("r", 1, 999, "join", a);
        List<ServerFrame> frames = List.of(
                new ServerFrame.Welcome(1, "chitchat/x", new ServerFrame.Limits(4000, 65536, 10, 20)),
                new ServerFrame.Joined("r1", "r", true, a, List.of(a), 1, List.of(s, m), 2, "ep", true, "tok"),
                new ServerFrame.Joined(null, "r", false, a, List.of(a), 1, List.of(), 0, "ep", null, "tok"),
                new ServerFrame.Ack("r2", "r", 2, null),
                m, s,
                new ServerFrame.Presence("r", 2, List.of(a), List.of()),
                new ServerFrame.TypingNotice("r", a),
                new ServerFrame.Left(null, "r", "kicked"),
                new ServerFrame.History("r3", "r", List.of(s), true),
                new ServerFrame.Pong("p"),
                new ServerFrame.Error("e", ErrorCode.NAME_TAKEN, "taken"));
        for (ServerFrame f : frames) {
            assertThat(codec.decodeServer(codec.encode(f))).isEqualTo(f);
        }
    }

    @Test
    void encode_message_exactWireForm() {
        String json = codec.encode(new Entry.Message("r", 3, 7, new Member("i", "N"), "t", null));
        assertThat(json).isEqualTo(
                "{\"type\":\"message\",\"room\":\"r\",\"seq\":3,\"ts\":7,\"from\":{\"id\":\"i\",\"name\":\"N\"},\"text\":\"t\"}");
    }

    @Test
    void encode_memberLists_sameJsonAsJacksonWritesForEachMember() throws Exception {
        List<Member> members = List.of(new Member("a1", "Ann"), new Member("b\"2", "quote \" back\\ </x> \u00e9 😀"),
                new Member("c3", "tab\tnl\ncr\r\u0001"));
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String expected = mapper.writeValueAsString(members.stream()
                .map(m -> { var o = new java.util.LinkedHashMap<String, String>(); o.put("id", m.id());
                    o.put("name", m.name()); return o; }).toList());
        String presence = codec.encode(new ServerFrame.Presence("r", 3, members, List.of()));
        assertThat(presence).isEqualTo("{\"type\":\"presence\",\"room\":\"r\",\"count\":3,\"joined\":" + expected
                + ",\"left\":[]}");
        assertThat(codec.decodeServer(presence)).isEqualTo(new ServerFrame.Presence("r", 3, members, List.of()));
        ServerFrame.Joined joined = new ServerFrame.Joined("r1", "r", false, members.get(0), members, 3, List.of(), 0,
                "ep", null, "tok");
        assertThat(codec.encode(joined)).contains("\"members\":" + expected + ",\"count\":3");
        assertThat(codec.decodeServer(codec.encode(joined))).isEqualTo(joined);
    }

    @Test
    void encode_userText_escapedNotInterpreted() {
        String json = codec.encode(new Entry.Message("r", 1, 1, new Member("i", "\"},\"x\":\""), "</script>", null));
        assertThat(codec.decodeServer(json)).isInstanceOfSatisfying(Entry.Message.class, m -> {
            assertThat(m.from().name()).isEqualTo("\"},\"x\":\"");
            assertThat(m.text()).isEqualTo("</script>");
        });
    }

    @Test
    void decodeClient_wrongTypes_badRequestNamingField() {
        assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"send\",\"room\":1,\"text\":\"x\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("'room' must be a string");
                });
        assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"ping\",\"ref\":\"abc\",\"x\":" + "[".repeat(100)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodeClient_refKeptOnLaterErrors() {
        assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"join\",\"ref\":\"abc\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.ref()).isEqualTo("abc"));
    }
}
