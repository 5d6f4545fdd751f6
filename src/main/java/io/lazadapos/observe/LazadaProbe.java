package io.lazadapos.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.api.ApiJson;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaErrorKind;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.lazada.LazadaReplies;
import io.lazadapos.lazada.LazadaTokenException;

/**
 * Whether Lazada answers the seller's signed calls: one cheap GetOrders (one row of the last
 * minute), made without retries, at most once per interval (a failure is re-checked sooner).
 * It proves the network path, the app signature and the access token at once.
 */
public final class LazadaProbe {

    private static final Logger LOG = LoggerFactory.getLogger(LazadaProbe.class);

    /** What the last check found. {@code tokenValid} is null when the call did not get far enough to tell. */
    public record Result(Instant checkedAt, boolean reachable, Boolean tokenValid, boolean healthy, boolean degraded,
            String problem, String errorKind) {

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkedAt", checkedAt.toString());
            m.put("reachable", reachable);
            m.put("tokenValid", tokenValid);
            m.put("healthy", healthy);
            m.put("degraded", degraded);
            m.put("problem", problem);
            m.put("errorKind", errorKind);
            return m;
        }
    }

    private final LazadaOrders lazada;
    private final String sellerId;
    private final Duration interval;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private volatile Result last;

    public LazadaProbe(LazadaOrders lazadaWithoutRetries, String sellerId, Duration interval, Clock clock) {
        this.lazada = lazadaWithoutRetries;
        this.sellerId = sellerId;
        this.interval = interval;
        this.retryAfterFailure = interval.compareTo(Duration.ofSeconds(30)) < 0 ? interval : Duration.ofSeconds(30);
        this.clock = clock;
    }

    /** The cached result, checked again when it is older than the interval. */
    public Result current() {
        Result r = last;
        Instant now = clock.instant();
        if (r != null && now.isBefore(r.checkedAt().plus(r.healthy() ? interval : retryAfterFailure))) {
            return r;
        }
        synchronized (this) {
            r = last;
            if (r != null && clock.instant().isBefore(r.checkedAt().plus(r.healthy() ? interval : retryAfterFailure))) {
                return r;
            }
            last = check();
            return last;
        }
    }

    /** The last result without calling Lazada (null before the first check). */
    public Result lastKnown() {
        return last;
    }

    Result check() {
        Instant now = clock.instant();
        try {
            lazada.ordersUpdated(sellerId, now.minus(Duration.ofMinutes(1)), now, 0, 1);
            return new Result(clock.instant(), true, true, true, false, null, null);
        } catch (LazadaTokenException e) {
            return failed(new Result(clock.instant(), true, false, false, false,
                    "Lazada refused the seller's token (" + e.code() + "): refresh it or authorize the app again", e.kind().name()));
        } catch (LazadaApiException e) {
            LazadaErrorKind kind = e.kind();
            switch (kind) {
                case RATE_LIMITED:
                case FLOW_CONTROL:
                case API_DISABLED:
                    // Lazada is there and knows us; it asks us to slow down.
                    return failed(new Result(clock.instant(), true, null, true, true,
                            "Lazada throttles calls (" + kind + ")", kind.name()));
                case SIGNATURE:
                    return failed(new Result(clock.instant(), true, null, false, false,
                            "Lazada refused the signature: check LAZADA_APP_KEY, LAZADA_APP_SECRET and the clock", kind.name()));
                default:
                    return failed(new Result(clock.instant(), kind != LazadaErrorKind.TRANSIENT, null, false, false,
                            "Lazada call failed: " + ApiJson.withoutSecrets(e.getMessage()), kind.name()));
            }
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e instanceof org.apache.camel.RuntimeCamelException ? e.getCause() : e;
            return failed(new Result(clock.instant(), false, null, false, false,
                    "Lazada unreachable: " + cause.getClass().getSimpleName() + ": " + ApiJson.withoutSecrets(cause.getMessage()), LazadaReplies.TRANSPORT));
        }
    }

    private Result failed(Result r) {
        Result before = last;
        if (before == null || before.healthy() != r.healthy() || !java.util.Objects.equals(before.problem(), r.problem())) {
            LOG.warn("Lazada check of seller {}: {}", sellerId, r.problem());
        }
        return r;
    }
}
