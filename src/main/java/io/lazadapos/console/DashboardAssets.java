package io.lazadapos.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Serves the dashboard's three files from the jar (classpath {@code dashboard/}), and nothing
 * else: Camel's own static-file server would also hand out any file of the working directory
 * or the classpath (the ledger database, application.properties), with no token asked.
 */
public final class DashboardAssets {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");

    // The page loads only its own script and style and calls only its own API.
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Answers the file named by header {@code asset} (index.html when there is none). */
    public void serve(Exchange exchange) {
        Message in = exchange.getMessage();
        String name = in.getHeader("asset", "index.html", String.class);
        in.removeHeaders("*");
        String type = TYPES.get(name);
        if (type == null) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            in.setBody("not found");
            return;
        }
        in.setHeader(Exchange.CONTENT_TYPE, type);
        in.setHeader("Content-Security-Policy", POLICY);
        in.setHeader("X-Content-Type-Options", "nosniff");
        in.setHeader("Referrer-Policy", "no-referrer");
        in.setBody(cache.computeIfAbsent(name, DashboardAssets::load));
    }

    private static byte[] load(String name) {
        try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
