package io.chitchat.bench.scenario;

/**
 * Client frames as JSON text. The bench controls every value (room ids, names, refs, passwords, message texts), none
 * of which needs escaping, so they are written directly; {@link #quote} still escapes what JSON requires.
 */
final class ClientText {
    private ClientText() {}

    static String create(String ref, String room, String name, String password) {
        StringBuilder sb = new StringBuilder(96).append("{\"type\":\"create\",\"ref\":").append(quote(ref))
                .append(",\"room\":").append(quote(room)).append(",\"name\":").append(quote(name));
        if (password != null) {
            sb.append(",\"password\":").append(quote(password));
        }
        return sb.append('}').toString();
    }

    static String join(String ref, String room, String name, String password, Long since, String epoch,
                       String resume) {
        StringBuilder sb = new StringBuilder(128).append("{\"type\":\"join\",\"ref\":").append(quote(ref))
                .append(",\"room\":").append(quote(room)).append(",\"name\":").append(quote(name));
        if (password != null) {
            sb.append(",\"password\":").append(quote(password));
        }
        if (since != null) {
            sb.append(",\"since\":").append(since.longValue());
        }
        if (epoch != null) {
            sb.append(",\"epoch\":").append(quote(epoch));
        }
        if (resume != null) {
            sb.append(",\"resume\":").append(quote(resume));
        }
        return sb.append('}').toString();
    }

    static String send(String ref, String room, String text) {
        return "{\"type\":\"send\",\"ref\":" + quote(ref) + ",\"room\":" + quote(room) + ",\"text\":" + quote(text)
                + "}";
    }

    static String leave(String ref, String room) {
        return "{\"type\":\"leave\",\"ref\":" + quote(ref) + ",\"room\":" + quote(room) + "}";
    }

    /** What a bare-server sender sends: shaped like ChitChat's {@code message} frame, so frame sizes match. */
    static String bareMessage(long seq, String senderName, String text) {
        return "{\"type\":\"message\",\"room\":\"bare\",\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis()
                + ",\"from\":{\"id\":\"m" + senderName + "\",\"name\":" + quote(senderName) + "},\"text\":"
                + quote(text) + "}";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
