package io.lazadapos.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * How reloading edited route files goes (ROUTES_RELOAD=true): reloads done and failed, and the
 * last failure with the file and line that broke it. While a file is broken, Camel keeps the
 * routes that were running and retries that file with every later change until it loads.
 */
public final class RouteReloads {

    // The YAML parser marks the spot: " in file:/path/x.camel.yaml, line 12, column 7:"
    private static final Pattern MARK = Pattern.compile("in (\\S+?), line (\\d+), column (\\d+)");

    private final CamelContext context;

    public RouteReloads(CamelContext context) {
        this.context = context;
    }

    /** The last reload failure: file, line, column and problem; null when the last reload went well. */
    public static Map<String, Object> failure(Throwable error) {
        if (error == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Throwable marked = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && MARK.matcher(t.getMessage()).find()) {
                marked = t;
            }
        }
        Throwable shown = marked != null ? marked : deepest(error);
        String message = String.valueOf(shown.getMessage());
        Matcher at = MARK.matcher(message);
        if (at.find()) {
            m.put("file", at.group(1).replaceFirst("^file:", ""));
            m.put("line", Integer.parseInt(at.group(2)));
            m.put("column", Integer.parseInt(at.group(3)));
        } else {
            Matcher file = Pattern.compile("file:(\\S+?\\.ya?ml)").matcher(String.valueOf(error.getMessage()));
            if (file.find()) {
                m.put("file", file.group(1));
            }
        }
        m.put("problem", message.lines().findFirst().orElse(message).trim());
        m.put("errorClass", shown.getClass().getSimpleName());
        return m;
    }

    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        RouteWatcherReloadStrategy reload = context.hasService(RouteWatcherReloadStrategy.class);
        m.put("enabled", reload != null);
        if (reload != null) {
            m.put("directory", reload.getFolder());
            m.put("reloads", reload.getReloadCounter());
            m.put("failures", reload.getFailedCounter());
            m.put("lastFailure", failure(reload.getLastError()));
        }
        return m;
    }

    private static Throwable deepest(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
