package io.chitchat.examples.tcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The human side of the TCP transport: turns a person's lines ({@code /join lobby Alice}, {@code hello}) into
 * protocol requests, and the engine's frames into lines a person can read ({@code [lobby] Bob: hi}). It only
 * translates: every rule (names, rooms, limits) is the engine's, and its errors are shown as they come.
 *
 * <p>Thread-safe (stateless apart from the shared codec, which is thread-safe).
 */
final class HumanLines {
    static final String BANNER = "Welcome to ChitChat. Type /help for the commands (or /json for JSON lines).";

    static final List<String> HELP = List.of(
            "Commands:",
            "  /join <room> <name> [password]     join a room",
            "  /create <room> <name> [password]   create a room (room * for a generated id)",
            "  /leave [room]                      leave the current room (or the one given)",
            "  /room <room>                       send your lines to another room you are in",
            "  /rooms                             the rooms you are in",
            "  /history [n]                       the latest n entries of the current room (default 20)",
            "  /ping                              check the connection",
            "  /json, /text                       switch to JSON lines (protocol v1) or back to text",
            "  /quit                              disconnect",
            "Any other line is a message to the current room (start it with // to send a leading /).",
            "A line starting with { is sent to the server as a protocol frame.");

    /** What to do with a line a person typed. */
    sealed interface Action {
        /** Pass this protocol frame (JSON) to the engine. */
        record ToEngine(String json) implements Action {}

        /** Answer locally, without the engine (help, usage). */
        record Reply(List<String> lines) implements Action {}

        /** Switch the connection to JSON lines (true) or readable lines (false). */
        record Mode(boolean json) implements Action {}

        /** Close the connection. */
        record Quit() implements Action {}

        /** Nothing to do (an empty line). */
        record Ignore() implements Action {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProtocolCodec codec = new ProtocolCodec();

    // ---------------------------------------------------------------- lines -> requests

    Action parse(String line, JoinedRooms rooms) {
        if (line.isBlank()) {
            return new Action.Ignore();
        }
        if (line.startsWith("{")) {
            return new Action.ToEngine(line);
        }
        if (line.startsWith("//")) {
            return say(line.substring(1), rooms);
        }
        if (!line.startsWith("/")) {
            return say(line, rooms);
        }
        String[] words = line.trim().split("\\s+");
        String command = words[0];
        int args = words.length - 1;
        switch (command) {
            case "/join", "/create" -> {
                if (args < 2 || args > 3) {
                    return reply("Usage: " + command + " <room> <name> [password]");
                }
                String password = args == 3 ? words[3] : null;
                if (command.equals("/join")) {
                    return request(new ClientFrame.Join(null, words[1], words[2], password, null, null, null));
                }
                return request(new ClientFrame.Create(null, words[1].equals("*") ? null : words[1], words[2],
                        password));
            }
            case "/leave" -> {
                String room = args >= 1 ? words[1] : rooms.current();
                return room == null ? reply("You are not in a room.") : request(new ClientFrame.Leave(null, room));
            }
            case "/room" -> {
                if (args != 1) {
                    return reply("Usage: /room <room>");
                }
                String room = words[1].toLowerCase(Locale.ROOT);
                return rooms.focus(room) ? reply("* Your lines now go to " + room + ".")
                        : reply("You are not in " + room + ". Your rooms: " + rooms.all());
            }
            case "/rooms" -> {
                List<String> all = rooms.all();
                return reply(all.isEmpty() ? "You are not in a room." : "Your rooms: " + all.stream()
                        .map(r -> r.equals(rooms.current()) ? r + " (current)" : r).collect(Collectors.joining(", ")));
            }
            case "/history" -> {
                String room = rooms.current();
                if (room == null) {
                    return reply("You are not in a room.");
                }
                int limit = 20;
                if (args == 1) {
                    try {
                        limit = Integer.parseInt(words[1]);
                    } catch (NumberFormatException e) {
                        return reply("Usage: /history [n] (n from 1 to 100)");
                    }
                }
                return request(new ClientFrame.History(null, room, null, limit));
            }
            case "/ping" -> {
                return request(new ClientFrame.Ping(null));
            }
            case "/json" -> {
                return new Action.Mode(true);
            }
            case "/text" -> {
                return new Action.Mode(false);
            }
            case "/quit" -> {
                return new Action.Quit();
            }
            case "/help" -> {
                return new Action.Reply(HELP);
            }
            default -> {
                return reply("Unknown command " + command + ". Type /help for the commands.");
            }
        }
    }

    private Action say(String text, JoinedRooms rooms) {
        String room = rooms.current();
        if (room == null) {
            return reply("You are not in a room yet. Try /join <room> <name> or /create <room> <name>.");
        }
        return request(new ClientFrame.Send(null, room, text, null));
    }

    private Action request(ClientFrame frame) {
        return new Action.ToEngine(codec.encode(frame));
    }

    private static Action reply(String line) {
        return new Action.Reply(List.of(line));
    }

    // ---------------------------------------------------------------- frames -> lines

    /** The lines that show a server frame to a person (none for frames a person need not see). */
    List<String> render(String frame, JoinedRooms rooms) {
        ServerFrame f;
        try {
            f = codec.decodeServer(frame);
        } catch (ProtocolException e) {
            return List.of(); // a frame type this renderer does not know
        }
        List<String> out = new ArrayList<>();
        if (f instanceof ServerFrame.Welcome w) {
            out.add("* Connected to " + clean(w.server()) + ". Messages up to " + w.limits().maxText()
                    + " characters.");
        } else if (f instanceof ServerFrame.Joined j) {
            rooms.joined(j.room());
            out.add("* You are in " + j.room() + " as " + clean(j.you().name())
                    + (j.isProtected() ? " (password protected)" : "") + ". Present (" + j.count() + "): "
                    + j.members().stream().map(m -> clean(m.name())).collect(Collectors.joining(", ")));
            j.history().stream().filter(e -> !isOwnJoin(e, j.you())).forEach(e -> out.add(entry(e)));
            out.add("* Lines you type now go to " + j.room() + ".");
        } else if (f instanceof Entry e) {
            out.add(entry(e));
        } else if (f instanceof ServerFrame.Left l) {
            rooms.left(l.room());
            out.add(l.reason() == null ? "* You left " + l.room() + "."
                    : "* You are no longer in " + l.room() + " (" + clean(l.reason()) + ").");
        } else if (f instanceof ServerFrame.History h) {
            out.add(h.messages().isEmpty() ? "* Nothing earlier in " + h.room() + "." : "* Earlier in " + h.room()
                    + ":");
            h.messages().forEach(e -> out.add(entry(e)));
        } else if (f instanceof ServerFrame.Pong) {
            out.add("* pong");
        } else if (f instanceof ServerFrame.Error e) {
            out.add("! " + clean(e.message()) + " (" + e.code().wire() + ")");
        }
        // ack (the message itself follows), presence and typing are not shown
        return out;
    }

    private static String entry(Entry e) {
        if (e instanceof Entry.Message m) {
            // a multi-line message: the lines after the first are indented under it
            return "[" + m.room() + "] " + name(m.from()) + ": " + clean(m.text()).replace("\n", "\n    ");
        }
        Entry.SystemEvent s = (Entry.SystemEvent) e;
        return "[" + s.room() + "] * " + name(s.member()) + (Entry.SystemEvent.JOIN.equals(s.event()) ? " joined"
                : " left");
    }

    private static boolean isOwnJoin(Entry e, Member you) {
        return e instanceof Entry.SystemEvent s && s.member().id().equals(you.id())
                && Entry.SystemEvent.JOIN.equals(s.event());
    }

    private static String name(Member m) {
        return clean(m.name());
    }

    /**
     * Replaces control characters (other than newline) so that nobody can send terminal escape sequences to the
     * people reading with {@code nc}, nor reorder a line with bidi controls. The engine refuses control characters
     * in texts and names already; this does not rely on it.
     */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                b.append('\n');
            } else if (cp == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(cp) || isBidiControl(cp)) {
                b.append('\uFFFD');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Embeddings, overrides and isolates, which can make a line read differently from what it says. */
    private static boolean isBidiControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }

    // ---------------------------------------------------------------- closing

    /** The last line before the transport closes a connection, in the connection's mode. */
    static String closeLine(boolean json, int code, String reason) {
        if (json) {
            // a frame type this transport adds: TCP has no close frame to carry the code
            return JSON.createObjectNode().put("type", "close").put("code", code).put("reason", reason).toString();
        }
        return "* Disconnected: " + clean(reason) + " (" + code + ")";
    }
}
