package io.chitchat.jetty;

import io.chitchat.ChitChat;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Mounts a {@link ChitChat} engine into Jetty 12 (ee10). Under a base path {@code /chat} it serves:
 * <ul>
 *   <li>{@code /chat/ws} &mdash; the WebSocket endpoint (protocol v1),</li>
 *   <li>{@code /chat/health} &mdash; JSON health, 503 while shutting down,</li>
 *   <li>{@code /chat/api/rooms/{id}} &mdash; JSON room info,</li>
 *   <li>{@code /chat/} &mdash; the web UI (optional).</li>
 * </ul>
 * The application's own servlets and filters are left alone, and ChitChat's security headers are set only on these
 * paths.
 *
 * <pre>{@code
 * ChitChat chat = ChitChat.builder().build().start();
 * ServletContextHandler context = new ServletContextHandler("/");
 * context.addServlet(new ServletHolder(new MyServlet()), "/hello");
 * ChitChatJetty.mount(context, "/chat", chat, JettyOptions.defaults());
 * Server server = new Server(8080);
 * server.setHandler(context);
 * server.start();
 * }</pre>
 *
 * <p>Thread-safe; mount before the context starts.
 */
public final class ChitChatJetty {
    static final String WEB_ROOT = "io/chitchat/jetty/web/";

    private ChitChatJetty() {}

    /**
     * Mounts {@code chat} under {@code basePath} of a context that has not started yet.
     *
     * @param basePath {@code ""} or {@code "/"} for the context's root, otherwise a path such as {@code "/chat"}
     * @throws IllegalArgumentException if the base path is malformed
     * @throws IllegalStateException if the context is already started
     */
    public static ChitChatMount mount(ServletContextHandler context, String basePath, ChitChat chat,
                                      JettyOptions options) {
        return mount(context, basePath, chat, options, WEB_ROOT);
    }

    /** Mounts {@code chat} under {@code basePath} with {@linkplain JettyOptions#defaults() default options}. */
    public static ChitChatMount mount(ServletContextHandler context, String basePath, ChitChat chat) {
        return mount(context, basePath, chat, JettyOptions.defaults());
    }

    /**
     * Creates a context at {@code /} with {@code chat} mounted under {@code basePath}; hand
     * {@link ChitChatMount#context()} to a {@code Server} (or add it to the application's handlers).
     */
    public static ChitChatMount newContext(String basePath, ChitChat chat, JettyOptions options) {
        return mount(new ServletContextHandler("/"), basePath, chat, options);
    }

    static ChitChatMount mount(ServletContextHandler context, String basePath, ChitChat chat, JettyOptions options,
                               String webRoot) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(options, "options");
        String base = normalizeBase(basePath);
        if (!context.isStopped()) {
            throw new IllegalStateException("mount ChitChat before the context starts (context is "
                    + context.getState() + ")");
        }
        Mount mount = new Mount(context, base, chat, options);
        context.addManaged(mount.supervisor());

        context.addServlet(new ServletHolder("chitchat-health" + base, new HealthServlet(mount)), base + "/health");
        context.addServlet(new ServletHolder("chitchat-rooms" + base, new RoomInfoServlet(mount)),
                base + "/api/rooms/*");
        if (options.ui()) {
            StaticServlet ui = new StaticServlet(base, webRoot, ChitChatJetty.class.getClassLoader());
            // at the root, the UI is the default servlet, so that the application's mappings take precedence
            context.addServlet(new ServletHolder("chitchat-ui" + base, ui), base.isEmpty() ? "/" : base + "/*");
        }

        guard(context, new HandshakeFilter(mount), "chitchat-handshake" + base, base + "/ws");
        return mount;
    }

    /**
     * Puts the handshake filter, which checks the Origin and upgrades the request, first in the filter chain of
     * {@code {base}/ws}.
     */
    private static void guard(ServletContextHandler context, HandshakeFilter filter, String name, String path) {
        ServletHandler handler = context.getServletHandler();
        FilterHolder holder = new FilterHolder(filter);
        holder.setName(name);
        holder.setAsyncSupported(true);
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(name);
        mapping.setPathSpec(path);
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        handler.prependFilter(holder);
        handler.prependFilterMapping(mapping);
    }

    static String normalizeBase(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        String base = basePath.trim();
        if (base.equals("/") || base.isEmpty()) {
            return "";
        }
        if (!base.startsWith("/") || base.endsWith("/") || base.contains("//")
                || !base.matches("[A-Za-z0-9/._~-]+") || base.matches(".*/\\.{1,2}(/.*)?")) {
            throw new IllegalArgumentException("base path must be \"\" or look like /chat (no trailing slash), was '"
                    + basePath + "'");
        }
        return base;
    }
}
