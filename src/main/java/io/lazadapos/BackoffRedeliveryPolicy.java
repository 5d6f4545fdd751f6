package io.lazadapos;

import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

import io.lazadapos.lazada.LazadaBackoff;

/**
 * A Camel redelivery policy whose delays come from a {@link LazadaBackoff} (Camel's own jitter can
 * go below the configured delay, which would break Lazada's 1 s ban). Named in
 * error-handling.camel.yaml by {@code redeliveryPolicyRef}. Retries are logged without stack
 * traces or message history: the exchange carries the signed URL, and it must not reach a log.
 */
final class BackoffRedeliveryPolicy extends RedeliveryPolicy {

    private final LazadaBackoff backoff;

    BackoffRedeliveryPolicy(LazadaBackoff backoff, int maximumRedeliveries) {
        this.backoff = backoff;
        setMaximumRedeliveries(maximumRedeliveries);
        setRedeliveryDelay(backoff.floorMillis());
        setMaximumRedeliveryDelay(backoff.capMillis());
        setRetryAttemptedLogLevel(LoggingLevel.WARN);
        setRetriesExhaustedLogLevel(LoggingLevel.ERROR);
        setLogStackTrace(false);
        setLogRetryStackTrace(false);
        setLogExhaustedMessageHistory(false);
        setLogExhaustedMessageBody(false);
        setLogHandled(false);
        setLogContinued(false);
    }

    @Override
    public long calculateRedeliveryDelay(long previousDelay, int redeliveryCount) {
        return backoff.delayMillis(redeliveryCount, () -> ThreadLocalRandom.current().nextDouble());
    }

    LazadaBackoff backoff() {
        return backoff;
    }
}
