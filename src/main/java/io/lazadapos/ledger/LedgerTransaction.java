package io.lazadapos.ledger;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One ledger transaction around the steps of a route (the {@code policy} EIP): committed when
 * the steps succeed, rolled back when they fail. Unlike Camel's {@code transacted}, a failure
 * stays an ordinary failure of the exchange, so the caller's error handling (retry, one by one,
 * dead letter) applies to it. The SQL endpoints share the transaction through the thread-bound
 * connection of Spring's transaction manager; every step runs on the calling thread.
 */
public final class LedgerTransaction implements Policy {

    private final TransactionTemplate template;

    public LedgerTransaction(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            // A transacted exchange makes Camel run every step on this thread before returning,
            // inside the transaction; afterwards the exchange is an ordinary one again.
            boolean transacted = exchange.isTransacted();
            exchange.getExchangeExtension().setTransacted(true);
            try {
                template.executeWithoutResult(status -> {
                    try {
                        processor.process(exchange);
                    } catch (Exception e) {
                        exchange.setException(e);
                    }
                    if (exchange.getException() != null) {
                        status.setRollbackOnly();
                    }
                });
            } finally {
                exchange.getExchangeExtension().setTransacted(transacted);
            }
        };
    }
}
