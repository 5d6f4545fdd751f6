package io.lazadapos.push;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.lazada.LazadaPush;

/**
 * What the push endpoint has seen since start: counts per outcome and the last times, for the
 * API and the logs. Rejections are logged with where they came from and their size, never with
 * their body or signature.
 */
public final class PushHealth {

    private static final Logger LOG = LoggerFactory.getLogger(PushHealth.class);

    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong unsigned = new AtomicLong();
    private final AtomicLong forged = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong notStored = new AtomicLong();
    private volatile Instant lastAcceptedAt;
    private volatile Instant lastRejectedAt;

    public PushHealth(Clock clock) {
        this.clock = clock;
    }

    /** A push written to the inbox (to process, or to keep and ignore when its type is of no interest). */
    /** When the last push was accepted (null: none since start). */
    public Instant lastAcceptedAt() {
        return lastAcceptedAt;
    }

    public void accepted(LazadaPush push) {
        (push.actionable() ? accepted : ignored).incrementAndGet();
        lastAcceptedAt = clock.instant();
        if (!push.actionable()) {
            LOG.info("push of message_type {} recorded and ignored", push.messageType());
        }
    }

    /** A request the gate turned away (verdict name of {@link PushGate.Verdict}). */
    public void rejected(String verdict, Object remote, byte[] body) {
        int bodyBytes = body == null ? 0 : body.length;
        long n;
        String why;
        switch (PushGate.Verdict.valueOf(verdict)) {
            case UNSIGNED -> {
                n = unsigned.incrementAndGet();
                why = "no Authorization header";
            }
            case FORGED -> {
                n = forged.incrementAndGet();
                why = "signature does not match the body";
            }
            case TOO_LARGE -> {
                n = tooLarge.incrementAndGet();
                why = "body too large";
            }
            default -> throw new IllegalArgumentException("not a rejection: " + verdict);
        }
        lastRejectedAt = clock.instant();
        LOG.warn("push rejected: {} (from {}, {} bytes; {} so far)", why, remote, bodyBytes, n);
    }

    /** Signed by our app but unreadable: kept in the dead-letter table. */
    public void malformed(Object remote, byte[] body, String reason) {
        int bodyBytes = body == null ? 0 : body.length;
        long n = malformed.incrementAndGet();
        lastRejectedAt = clock.instant();
        LOG.warn("push rejected: {} (from {}, {} bytes; {} so far); the body is kept as a dead letter", reason, remote, bodyBytes, n);
    }

    /** A valid push that could not be written (database away): Lazada retries it. */
    public void notStored(Throwable error) {
        notStored.incrementAndGet();
        LOG.error("push could not be written to the inbox; answered 500 so that Lazada sends it again: {}", String.valueOf(error));
    }

    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", accepted.get());
        m.put("ignored", ignored.get());
        m.put("unsigned", unsigned.get());
        m.put("forged", forged.get());
        m.put("tooLarge", tooLarge.get());
        m.put("malformed", malformed.get());
        m.put("notStored", notStored.get());
        m.put("lastAcceptedAt", lastAcceptedAt);
        m.put("lastRejectedAt", lastRejectedAt);
        return m;
    }

    public long rejections() {
        return unsigned.get() + forged.get() + tooLarge.get() + malformed.get();
    }
}
