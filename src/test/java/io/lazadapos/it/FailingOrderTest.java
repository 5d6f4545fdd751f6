package io.lazadapos.it;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing order never blocks the others: a failure of its own sends it to the dead letters
 * and the poll goes on; a database that is away fails the poll after the other orders were
 * tried, and the watermark stays so the next poll reads that order again.
 */
class FailingOrderTest {

    private TestClock lazadaClock;
    private RunningApp app;

    @BeforeEach
    void start() {
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String order(String status) {
        lazadaClock.tick();
        return app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status(status).build());
    }

    @Test
    void anOrderThatFailsForAReasonOfItsOwnGoesToTheDeadLettersAndThePollGoesOn() {
        String first = order("pending");
        String refused = order("pending");
        String last = order("delivered");
        new LedgerFaults(app.jdbc()).refuseInvoiceOf(refused);
        app.pollNow();

        assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id IN (?, ?)", first, last)).isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id = ?", refused)).isZero();
        assertThat(app.jdbc().queryForObject("SELECT error_class FROM dead_letter WHERE order_id = ?", String.class, refused))
                .isEqualTo("org.springframework.jdbc.UncategorizedSQLException");
        assertThat(app.json("/api/sync-health").at("/poll/lastFailure").isNull()).isTrue();
        assertThat(app.json("/api/sync-health").at("/poll/lastSuccessAt").asText()).endsWith("Z");
    }

    @Test
    void aDatabaseThatIsAwayFailsThePollWithoutDeadLettersAndTheNextPollCatchesUp() {
        String first = order("pending");
        String hit = order("pending");
        String last = order("shipped");
        LedgerFaults faults = new LedgerFaults(app.jdbc());
        faults.loseConnectionAtInvoiceOf(hit);
        app.pollNow();

        // The page is one batch: with the ledger away, none of it is applied, nothing is dead-lettered.
        assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id IN (?, ?, ?)", first, hit, last)).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
        assertThat(app.json("/api/sync-health").at("/poll/lastFailure/errorClass").asText()).isNotBlank();
        assertThat(app.json("/api/sync-health").at("/poll/watermark").isNull()).isTrue();

        faults.heal();
        app.pollNow();
        assertThat(app.order(hit).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.order(first).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.order(last).get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(app.json("/api/sync-health").at("/poll/lastFailure").isNull()).isTrue();
    }
}
