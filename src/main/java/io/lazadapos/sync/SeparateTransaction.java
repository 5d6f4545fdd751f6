package io.lazadapos.sync;

import java.util.HashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

/**
 * Runs a transacted route (apply-order) in an exchange of its own and brings its outcome back:
 * its properties, its message, and its failure re-thrown here. The transaction boundary is an
 * error handler of its own: a failure it rolled back arrives at the caller marked as already
 * handled, and the caller's onException (retry, dead letter) would never see it. Re-thrown from
 * this step, it does.
 */
public final class SeparateTransaction implements Processor {

    private final ProducerTemplate producer;
    private final String uri;

    public SeparateTransaction(ProducerTemplate producer, String uri) {
        this.producer = producer;
        this.uri = uri;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exchange inner = producer.send(uri, e -> {
            e.getProperties().putAll(exchange.getProperties());
            e.getMessage().setHeaders(new HashMap<>(exchange.getMessage().getHeaders()));
            e.getMessage().setBody(exchange.getMessage().getBody());
        });
        exchange.getProperties().putAll(inner.getProperties());
        exchange.getMessage().setHeaders(new HashMap<>(inner.getMessage().getHeaders()));
        exchange.getMessage().setBody(inner.getMessage().getBody());
        Exception failure = inner.getException();
        if (failure instanceof RuntimeCamelException && failure.getCause() instanceof Exception cause) {
            // The dead letter names the real error class, not Camel's wrapper.
            throw cause;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
