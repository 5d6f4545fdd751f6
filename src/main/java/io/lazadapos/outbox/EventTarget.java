package io.lazadapos.outbox;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * POS_EVENTS_URI: the Camel endpoint the events go to. Shown only masked: a URL's user info and
 * any parameter that may carry a credential become {@code ***}.
 */
public final class EventTarget {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:(?://)?)[^/@?#]*@");
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)((?:auth)?(?:password|passwd|pass|secret|token|key|apikey|api_key|credentials?|sig|signature)[a-z_]*)=[^&\\s\"']*");

    private EventTarget() {
    }

    /** The URI fit for a log line, an answer or an error text. */
    public static String masked(String uri) {
        if (uri == null) {
            return null;
        }
        String m = USER_INFO.matcher(uri).replaceFirst("$1***@");
        return SECRET_PARAMS.matcher(m).replaceAll("$1=***");
    }

    /** Any text that may quote the URI (an exception message): the URI's secrets masked wherever they appear. */
    public static String maskedIn(String text, String uri) {
        if (text == null) {
            return null;
        }
        String out = uri == null || uri.isEmpty() ? text : text.replace(uri, masked(uri));
        out = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@").matcher(out).replaceAll("$1***@");
        return SECRET_PARAMS.matcher(out).replaceAll("$1=***");
    }

    /**
     * The endpoint to send to: an HTTP URL's user info (which the HTTP client refuses in a URL)
     * becomes Basic authentication, sent with the first request; anything else as it is.
     */
    public static String endpointUri(String uri) {
        if (!http(uri)) {
            return uri;
        }
        java.util.regex.Matcher m = Pattern.compile("^(https?://)([^/@?#]*)@(.*)$", Pattern.CASE_INSENSITIVE).matcher(uri);
        if (!m.matches()) {
            return uri;
        }
        String[] user = m.group(2).split(":", 2);
        String rest = m.group(3);
        String decodedUser = java.net.URLDecoder.decode(user[0], java.nio.charset.StandardCharsets.UTF_8);
        String decodedPassword = user.length > 1 ? java.net.URLDecoder.decode(user[1], java.nio.charset.StandardCharsets.UTF_8) : "";
        return m.group(1) + rest + (rest.contains("?") ? "&" : "?") + "authMethod=Basic&authenticationPreemptive=true"
                + "&authUsername=RAW(" + decodedUser + ")&authPassword=RAW(" + decodedPassword + ")";
    }

    /** Whether requests to it are HTTP POSTs (http: and https: URLs). */
    public static boolean http(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
