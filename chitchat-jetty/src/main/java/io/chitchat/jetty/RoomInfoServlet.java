package io.chitchat.jetty;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chitchat.RoomInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET {base}/api/rooms/{id}}: whether a room exists, whether it has a password, and how many members it has.
 * Nothing else (no names, no password hash) is told.
 */
final class RoomInfoServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ID = 256;

    private final transient Mount mount;

    RoomInfoServlet(Mount mount) {
        this.mount = mount;
    }

    record Found(String room, boolean exists, @JsonProperty("protected")
            boolean isProtected, int count) {}

    record Missing(String room, boolean exists) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String id = path == null || path.length() < 2 ? "" : path.substring(1);
        if (id.isEmpty() || id.contains("/") || id.length() > MAX_ID) {
            write(response, HttpServletResponse.SC_NOT_FOUND, new Missing(id.length() > MAX_ID ? "" : id, false));
            return;
        }
        Optional<RoomInfo> room = mount.chat().room(id);
        if (room.isPresent()) {
            RoomInfo info = room.get();
            write(response, HttpServletResponse.SC_OK, new Found(info.id(), true, info.isProtected(), info.members()));
        } else {
            write(response, HttpServletResponse.SC_NOT_FOUND, new Missing(id, false));
        }
    }
}
