package io.chitchat.examples.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.examples.tcp.HumanLines.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanLinesTest {
    private final HumanLines lines = new HumanLines();
    private final JoinedRooms rooms = new JoinedRooms();

    @Test
    void parse_commands_protocolFrames() {
        assertThat(lines.parse("/join Lobby Ada", rooms)).isEqualTo(new Action.ToEngine(
                "{\"type\":\"join\",\"room\":\"Lobby\",\"name\":\"Ada\"}"));
        assertThat(lines.parse("/create * Ada pw", rooms)).isEqualTo(new Action.ToEngine(
                "{\"type\":\"create\",\"name\":\"Ada\",\"password\":\"pw\"}"));
        assertThat(lines.parse("{\"type\":\"ping\"}", rooms)).isEqualTo(new Action.ToEngine("{\"type\":\"ping\"}"));
        assertThat(lines.parse("/json", rooms)).isEqualTo(new Action.Mode(true));
        assertThat(lines.parse("/quit", rooms)).isEqualTo(new Action.Quit());
        assertThat(lines.parse("   ", rooms)).isEqualTo(new Action.Ignore());
    }

    @Test
    void parse_textOutsideAndInsideRooms_messageToCurrentRoom() {
        assertThat(lines.parse("hello", rooms)).isInstanceOf(Action.Reply.class);
        rooms.joined("a");
        rooms.joined("b");
        assertThat(lines.parse("hello", rooms)).isEqualTo(new Action.ToEngine(
                "{\"type\":\"send\",\"room\":\"b\",\"text\":\"hello\"}"));
        assertThat(lines.parse("/room a", rooms)).isEqualTo(new Action.Reply(List.of(
                "* Your lines now go to a.")));
        assertThat(lines.parse("//join is a command", rooms)).isEqualTo(new Action.ToEngine(
                "{\"type\":\"send\",\"room\":\"a\",\"text\":\"/join is a command\"}"));
        rooms.left("a");
        assertThat(rooms.current()).isEqualTo("b");
    }

    @Test
    void parse_badUsage_explained() {
        assertThat(lines.parse("/join lobby", rooms)).isEqualTo(new Action.Reply(List.of(
                "Usage: /join <room> <name> [password]")));
        assertThat(lines.parse("/nope", rooms)).isEqualTo(new Action.Reply(List.of(
                "Unknown command /nope. Type /help for the commands.")));
    }

    @Test
    void render_messageWithEscapesAndNewlines_safeIndentedLines() {
        String frame = "{\"type\":\"message\",\"room\":\"r\",\"seq\":3,\"ts\":1,\"from\":{\"id\":\"x\",\"name\":\"Eve\"},"
                + "\"text\":\"\\u001b[2Jgotcha\\u202e\\nsecond\"}";
        assertThat(lines.render(frame, rooms)).containsExactly("[r] Eve: \uFFFD[2Jgotcha\uFFFD\n    second");
    }

    @Test
    void closeLine_bothModes() {
        assertThat(HumanLines.closeLine(true, 1008, "unauthorized"))
                .isEqualTo("{\"type\":\"close\",\"code\":1008,\"reason\":\"unauthorized\"}");
        assertThat(HumanLines.closeLine(false, 1001, "server shutting down"))
                .isEqualTo("* Disconnected: server shutting down (1001)");
    }
}
