package io.lazadapos;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;

/**
 * Hands a failure caught by a {@code doCatch} back to the route's error handling as a fresh one.
 * Camel lets an error handler act on an exchange only once: after the transaction's own error
 * handler, or a {@code doCatch}, has seen a failure, the routes above would leave it alone, and a
 * failed order would stop its whole page instead of becoming a dead letter. The failure is thrown
 * again without Camel's wrappers, so that dead letters name the real cause.
 */
public final class FailureHandover {

    public void handOver(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ExchangeExtension state = exchange.getExchangeExtension();
        state.setFailureHandled(false);
        state.setErrorHandlerHandled(null);
        state.setRedeliveryExhausted(false);
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        exchange.removeProperty(Exchange.FAILURE_ENDPOINT);
        exchange.removeProperty(Exchange.FAILURE_ROUTE_ID);
        Throwable t = caught == null ? new IllegalStateException("a failure without its exception") : caught;
        while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.apache.camel.")) {
            t = t.getCause();
        }
        if (t instanceof Exception e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
