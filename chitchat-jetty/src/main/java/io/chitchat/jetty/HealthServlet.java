package io.chitchat.jetty;

import io.chitchat.Stats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET {base}/health}: 200 {@code ok}; 503 {@code shutting_down} once the mount is shutting down, or 503
 * {@code degraded} while the engine's backend (a cluster's Redis) is unreachable.
 */
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
        String status = down ? "shutting_down" : stats.degraded() ? "degraded" : "ok";
        write(response, "ok".equals(status) ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                new Health(status, VERSION, stats.uptimeMillis(), stats.connections(), stats.rooms()));
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
