package io.lazadapos.observe;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import io.lazadapos.lazada.LazadaRequest;

/**
 * Counts the Lazada calls that got no reply at all (connection refused, timeout): the replies
 * themselves are counted where they are read (LazadaReplies), this sees the HTTP send fail.
 */
public final class LazadaCallMeter extends EventNotifierSupport {

    static final String TRANSPORT = "TRANSPORT";

    private final SyncMetrics metrics;

    public LazadaCallMeter(SyncMetrics metrics) {
        this.metrics = metrics;
        setIgnoreExchangeEvents(false);
        setIgnoreExchangeSentEvents(false);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSentEvent sent = (CamelEvent.ExchangeSentEvent) event;
        Exchange exchange = sent.getExchange();
        if (exchange.getException() == null || !sent.getEndpoint().getEndpointUri().startsWith("http://lazada-api")) {
            return;
        }
        Object request = exchange.getProperty("lazadaRequest");
        metrics.lazadaCall(request instanceof LazadaRequest r ? r.apiPath() : "unknown", TRANSPORT);
    }
}
