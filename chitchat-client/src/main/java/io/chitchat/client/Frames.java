package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;

/** Short descriptions of frames for messages and logs; never with a password or a token. */
final class Frames {
    private Frames() {}

    /** E.g. {@code "join of room team-blue (ref 3)"}. */
    static String describe(ClientFrame frame) {
        String room = room(frame);
        return type(frame) + (room == null ? "" : " of room " + room) + " (ref " + frame.ref() + ")";
    }

    /** The wire type of a client frame. */
    static String type(ClientFrame frame) {
        if (frame instanceof ClientFrame.Create) {
            return "create";
        } else if (frame instanceof ClientFrame.Join) {
            return "join";
        } else if (frame instanceof ClientFrame.Send) {
            return "send";
        } else if (frame instanceof ClientFrame.Typing) {
            return "typing";
        } else if (frame instanceof ClientFrame.Leave) {
            return "leave";
        } else if (frame instanceof ClientFrame.History) {
            return "history";
        }
        return "ping";
    }

    /** The wire type of a server frame. */
    static String type(ServerFrame frame) {
        if (frame instanceof Entry.Message) {
            return "message";
        } else if (frame instanceof Entry.SystemEvent) {
            return "system";
        } else if (frame instanceof ServerFrame.TypingNotice) {
            return "typing";
        }
        String name = frame.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Null if the encoded frame fits the server's {@code maxFrame} (from its welcome, if any); otherwise why not.
     * The server would close the connection (1009) for a longer frame.
     */
    static String checkSize(ClientFrame frame, String text, ServerFrame.Welcome welcome) {
        int max = welcome == null ? 0 : welcome.limits().maxFrame();
        if (max <= 0 || text.length() <= max / 3) {
            return null;
        }
        long bytes = utf8Length(text);
        return bytes <= max ? null : describe(frame) + " is " + bytes
                + " bytes long; the server accepts frames of at most " + max + " bytes";
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String room(ClientFrame frame) {
        if (frame instanceof ClientFrame.Create c) {
            return c.room();
        } else if (frame instanceof ClientFrame.Join j) {
            return j.room();
        } else if (frame instanceof ClientFrame.Send s) {
            return s.room();
        } else if (frame instanceof ClientFrame.Typing t) {
            return t.room();
        } else if (frame instanceof ClientFrame.Leave l) {
            return l.room();
        } else if (frame instanceof ClientFrame.History h) {
            return h.room();
        }
        return null;
    }
}
