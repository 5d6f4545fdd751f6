package io.lazadapos;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.apache.camel.CamelContext;

/** Typed access to application.properties (after environment-variable placeholders resolve). */
final class Settings {

    private final CamelContext context;

    Settings(CamelContext context) {
        this.context = context;
    }

    Optional<String> optional(String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    String text(String key, String whenMissing) {
        return optional(key).orElse(whenMissing);
    }

    int integer(String key, int whenMissing) {
        return optional(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
            }
        }).orElse(whenMissing);
    }

    /** A share between 0 and 1, e.g. 0.2. */
    double share(String key, double whenMissing) {
        return optional(key).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(key + ": '" + v + "' is not a share between 0 and 1");
        }).orElse(whenMissing);
    }

    double decimal(String key, double whenMissing) {
        return optional(key).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
            }
        }).orElse(whenMissing);
    }

    boolean flag(String key, boolean whenMissing) {
        return optional(key).map(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT))).orElse(whenMissing);
    }

    Duration duration(String key, Duration whenMissing) {
        return optional(key).map(v -> parseDuration(key, v)).orElse(whenMissing);
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, or ISO-8601 {@code PT5S}; a bare number is milliseconds. */
    static Duration parseDuration(String key, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            char unit = s.charAt(s.length() - 1);
            String n = s.substring(0, s.length() - 1).trim();
            switch (unit) {
                case 's': return Duration.ofSeconds(Long.parseLong(n));
                case 'm': return Duration.ofMinutes(Long.parseLong(n));
                case 'h': return Duration.ofHours(Long.parseLong(n));
                case 'd': return Duration.ofDays(Long.parseLong(n));
                default: return Duration.ofMillis(Long.parseLong(s));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a duration (e.g. 500ms, 5s, 2m, 1h)");
        }
    }
}
