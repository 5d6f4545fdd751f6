package io.lazadapos.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.lazada.LazadaApiException;

/** What the last polls of each seller did: the health checks and the dashboard read it. */
public final class SyncHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHealth.class);

    /** The last failure of a seller's poll. */
    public record Failure(Instant at, String errorClass, String message) {
    }

    private final Clock clock;
    private final Map<String, Failure> lastPollFailure = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastPollSuccess = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokenExpiresAt = new ConcurrentHashMap<>();

    public SyncHealth(Clock clock) {
        this.clock = clock;
    }

    public void pollFailed(String sellerId, Throwable error) {
        // The Lazada error itself, when there is one under the integration framework's wrappers.
        LazadaApiException lazada = io.lazadapos.lazada.LazadaFailures.lazadaError(error);
        if (lazada != null) {
            error = lazada;
        }
        String kind = error instanceof LazadaApiException l ? l.kind().name() : error.getClass().getSimpleName();
        lastPollFailure.put(sellerId, new Failure(clock.instant(), kind, String.valueOf(error.getMessage())));
        if (error instanceof LazadaApiException) {
            LOG.error("poll of seller {} failed: {}; the next poll resumes from the stored watermark", sellerId, error.getMessage());
        } else {
            LOG.error("poll of seller {} failed; the next poll resumes from the stored watermark", sellerId, error);
        }
    }

    public void pollSucceeded(String sellerId) {
        lastPollSuccess.put(sellerId, clock.instant());
        lastPollFailure.remove(sellerId);
    }

    public Instant lastPollSuccess(String sellerId) {
        return lastPollSuccess.get(sellerId);
    }

    public Failure lastPollFailure(String sellerId) {
        return lastPollFailure.get(sellerId);
    }

    /** When the seller's access token expires, as the token refresh or Lazada's expiry push tells it. */
    public void tokenExpires(String sellerId, Instant at) {
        if (at == null) {
            tokenExpiresAt.remove(sellerId);
        } else {
            tokenExpiresAt.put(sellerId, at);
        }
    }

    /** Null while nobody has told (the health panel then shows "not known"). */
    public Instant tokenExpiresAt(String sellerId) {
        return tokenExpiresAt.get(sellerId);
    }
}
