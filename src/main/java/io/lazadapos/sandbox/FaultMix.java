package io.lazadapos.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A share of the sandbox's API calls that fail, in mixed ways, for tests of a client's resilience.
 * Kinds:
 * <ul>
 * <li>a Lazada error code answered the Lazada way: {@code ApiCallLimit}, {@code 901}, {@code 998},
 *     {@code ServiceTimeout}, {@code 6}, ...;</li>
 * <li>{@code http:503} (any status): a bare HTTP error page;</li>
 * <li>{@code timeout}: the real answer, but only after {@code slowReply} (beyond the client's timeout);</li>
 * <li>{@code truncated}: the real answer cut off in the middle (the JSON does not parse);</li>
 * <li>{@code wrong-types}: the real answer with its envelope mistyped ({@code data} or
 *     {@code orders} of the wrong JSON type, {@code countTotal} as text);</li>
 * <li>{@code bad-row}: one order row or item with a field of the wrong type (the rest is fine);</li>
 * <li>{@code absurd}: one order row updated ten days ahead with a negative price, or one item with
 *     a negative paid price in an unknown currency;</li>
 * <li>{@code huge-page}: a GetOrders page with three times the rows asked for.</li>
 * </ul>
 * Only the listed API paths fail (the order and return APIs by default, not the token refresh).
 * Which calls fail is drawn from a random sequence seeded by the sandbox's seed: the same seed and
 * the same order of calls give the same faults.
 */
public record FaultMix(double share, List<String> kinds, Duration slowReply, Set<String> apiPaths) {

    public static final List<String> DEFAULT_KINDS = List.of("ApiCallLimit", "http:503", "timeout", "truncated", "wrong-types");
    public static final Set<String> ORDER_AND_RETURN_APIS = Set.of("/orders/get", "/order/get", "/order/items/get",
            "/orders/items/get", "/reverse/getreverseordersforseller");

    public FaultMix {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("fault share must be between 0 and 1, got " + share);
        }
        kinds = List.copyOf(kinds == null || kinds.isEmpty() ? DEFAULT_KINDS : kinds);
        for (String kind : kinds) {
            if (kind.isBlank() || (kind.toLowerCase(Locale.ROOT).startsWith("http:") && !kind.substring(5).matches("\\d{3}"))) {
                throw new IllegalArgumentException("not a fault kind: '" + kind + "'");
            }
        }
        slowReply = slowReply == null ? Duration.ofSeconds(35) : slowReply;
        apiPaths = Set.copyOf(apiPaths == null || apiPaths.isEmpty() ? ORDER_AND_RETURN_APIS : apiPaths);
    }

    public static FaultMix none() {
        return new FaultMix(0, DEFAULT_KINDS, null, null);
    }

    /** {@code share} of the order and return API calls fail, spread over the default kinds. */
    public static FaultMix of(double share) {
        return new FaultMix(share, DEFAULT_KINDS, null, null);
    }

    public FaultMix withKinds(List<String> v) {
        return new FaultMix(share, v, slowReply, apiPaths);
    }

    public FaultMix withSlowReply(Duration v) {
        return new FaultMix(share, kinds, v, apiPaths);
    }

    public FaultMix withApiPaths(Set<String> v) {
        return new FaultMix(share, kinds, slowReply, v);
    }

    /** "ApiCallLimit, http:503,timeout" → its kinds. */
    public static List<String> parseKinds(String list) {
        if (list == null || list.isBlank()) {
            return DEFAULT_KINDS;
        }
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    }
}
