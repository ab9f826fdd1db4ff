package io.chitchat.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet that answers JSON: one immutable Jackson writer, no caching, ChitChat's security headers. */
abstract class JsonServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] json = WRITER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        SecurityHeaders.apply(response);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
