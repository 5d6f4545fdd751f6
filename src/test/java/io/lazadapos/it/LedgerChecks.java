package io.lazadapos.it;

import java.util.List;

import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger equals Lazada's truth: every order where the rules put it, nothing twice, nothing dead-lettered. */
final class LedgerChecks {

    private LedgerChecks() {
    }

    static void assertLedgerMatchesTruth(RunningApp app, List<SandboxOrderView> truth) {
        for (SandboxOrderView t : truth) {
            LedgerTruth.assertMatches(app.order(t.orderId()), t);
        }
        assertThat(app.count("SELECT COUNT(*) FROM pos_order")).isEqualTo(truth.size());
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
        assertThat(app.count("SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d")).as("duplicate ledger events").isZero();
        assertThat(app.count("SELECT COUNT(*) FROM (SELECT seller_id, order_id FROM invoice GROUP BY seller_id, order_id "
                + "HAVING COUNT(*) > 1) d")).as("duplicate invoices").isZero();
    }
}
