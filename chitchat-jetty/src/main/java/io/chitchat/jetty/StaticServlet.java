package io.chitchat.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web UI's files from a class-path directory: {@code {base}/} is {@code index.html}. Each file is read
 * once, then kept in memory with its gzip form and ETags, so a request costs no I/O and no compression (the files
 * are a few small assets). Responses carry {@code Cache-Control: no-cache} (always revalidate, cheaply, with
 * {@code If-None-Match}) and ChitChat's security headers.
 *
 * <p>Thread-safe.
 */
final class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final String basePath;
    private final String root;
    private final transient ClassLoader loader;
    private final transient ConcurrentHashMap<String, Asset> cache = new ConcurrentHashMap<>();

    /**
     * @param basePath the mount's base path ({@code ""} or {@code "/chat"})
     * @param root the class-path directory of the files, ending with {@code /}
     */
    StaticServlet(String basePath, String root, ClassLoader loader) {
        this.basePath = basePath;
        this.root = root;
        this.loader = loader;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals(basePath)) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + basePath + "/" + (query == null ? "" : "?" + query));
            return;
        }
        String name = path.substring(basePath.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        Asset asset = find(name);
        if (asset == null) {
            SecurityHeaders.apply(response);
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean gzip = asset.gzip() != null && acceptsGzip(request.getHeader("Accept-Encoding"));
        String etag = gzip ? asset.gzipEtag() : asset.etag();
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        if (asset.gzip() != null) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        SecurityHeaders.apply(response);
        if (matches(request.getHeader("If-None-Match"), asset)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = gzip ? asset.gzip() : asset.body();
        response.setContentType(asset.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private Asset find(String name) throws IOException {
        Asset cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        String type = Asset.contentType(name);
        if (type == null || !SAFE_PATH.matcher(name).matches()) {
            return null; // unknown types are not served: this also keeps directories out
        }
        URL url = loader.getResource(root + name);
        if (url == null) {
            return null; // misses are not cached: their names come from clients
        }
        byte[] body;
        try (InputStream in = url.openStream()) {
            body = in.readAllBytes();
        }
        Asset asset = Asset.of(body, type);
        Asset raced = cache.putIfAbsent(name, asset);
        return raced != null ? raced : asset;
    }

    /** Whether a client's {@code If-None-Match} names either form of the asset (or {@code *}). */
    private static boolean matches(String ifNoneMatch, Asset asset) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(asset.etag()) || t.equals(asset.gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code Accept-Encoding} allows gzip: listed (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean star = null;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.trim().split(";");
            String coding = fields[0].trim().toLowerCase(Locale.ROOT);
            boolean accepted = true;
            for (int i = 1; i < fields.length; i++) {
                String param = fields[i].trim();
                if (param.startsWith("q=") || param.startsWith("Q=")) {
                    try {
                        accepted = Double.parseDouble(param.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        accepted = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return accepted;
            }
            if (coding.equals("*")) {
                star = accepted;
            }
        }
        return Boolean.TRUE.equals(star);
    }
}
