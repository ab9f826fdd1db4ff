package io.chitchat.jetty;

import io.chitchat.Stats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code GET {base}/health}: 200 {@code ok}, or 503 {@code shutting_down} once the mount is shutting down. */
final class HealthServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;
    static final String VERSION = readVersion();

    private final transient Mount mount;

    HealthServlet(Mount mount) {
        this.mount = mount;
    }

    record Health(String status, String version, long uptimeMillis, int connections, int rooms) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean down = mount.isShuttingDown() || !mount.chat().isRunning();
        Stats stats = mount.chat().stats();
        write(response, down ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK,
                new Health(down ? "shutting_down" : "ok", VERSION, stats.uptimeMillis(), stats.connections(),
                        stats.rooms()));
    }

    private static String readVersion() {
        try (InputStream in = HealthServlet.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
