package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.jetty.ChitChatJetty;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A chat for logged-in users only. The application's login ({@code POST /login}, a stand-in for a real one) sets a
 * signed token as an HttpOnly cookie; the chat at {@code /chat} admits a connection only with a valid token (cookie
 * or {@code ?token=} query parameter) and shows the user under the token's name.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.TokenAuthServer [--port 8080]</pre>
 *
 * The signing key comes from {@code CHITCHAT_TOKEN_KEY} (base64, at least 32 bytes), else a random one per run.
 *
 * <p>Thread-safe.
 */
public final class TokenAuthServer implements AutoCloseable {
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    private final Server server;
    private final ChitChat chat;

    private TokenAuthServer(Server server, ChitChat chat) {
        this.server = server;
        this.chat = chat;
    }

    public static void main(String[] args) throws Exception {
        String configured = System.getenv("CHITCHAT_TOKEN_KEY");
        byte[] key = configured != null ? Base64.getDecoder().decode(configured.trim()) : randomKey();
        SignedTokens tokens = new SignedTokens(key, Clock.systemUTC());
        TokenAuthServer app = start(ExampleArgs.port(args), tokens);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        System.out.println("Log in at " + app.uri() + " (the chat at " + app.uri().resolve("/chat/")
                + " refuses you without a token).");
        System.out.println("A token for the command-line client, valid 12 h:");
        System.out.println("  ws://localhost:" + app.uri().getPort() + "/chat/ws?" + TokenAuthenticator.QUERY + "="
                + tokens.issue("cli", "Terminal", TOKEN_TTL));
    }

    /** Starts the application on {@code port} (0: a free one), checking chat connections with {@code tokens}. */
    public static TokenAuthServer start(int port, SignedTokens tokens) throws Exception {
        // tag::mount[]
        ChitChat chat = ChitChat.builder().authenticator(new TokenAuthenticator(tokens)).build().start();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new LoginServlet(tokens)), "/login");
        ChitChatJetty.mount(context, "/chat", chat);
        // end::mount[]
        context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource("io/chitchat/examples/auth/"));
        context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");
        Server server = new Server(port);
        server.setHandler(context);
        server.start();
        return new TokenAuthServer(server, chat);
    }

    public URI uri() {
        return URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    @Override
    public void close() {
        chat.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not stop cleanly", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * {@code POST /login} with a {@code name}: signs a token and sets it as a cookie, then sends the browser to the
     * chat. A real application does this after checking a password, an SSO assertion, a session...
     */
    static final class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient SignedTokens tokens;

        LoginServlet(SignedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String name = request.getParameter("name");
            name = name == null ? "" : name.strip();
            if (name.isEmpty() || name.codePointCount(0, name.length()) > 32
                    || name.codePoints().anyMatch(Character::isISOControl)) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "a name is 1 to 32 characters");
                return;
            }
            // tag::cookie[]
            Cookie cookie = new Cookie(TokenAuthenticator.COOKIE, tokens.issue("user:" + name, name, TOKEN_TTL));
            cookie.setHttpOnly(true);                   // page scripts cannot read it
            cookie.setSecure(request.isSecure());       // behind TLS, never sent in clear
            cookie.setAttribute("SameSite", "Strict");  // not sent by other sites' pages
            cookie.setPath("/");
            cookie.setMaxAge((int) TOKEN_TTL.toSeconds());
            response.addCookie(cookie);
            // end::cookie[]
            response.sendRedirect("/chat/");
        }
    }
}
