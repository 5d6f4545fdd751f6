package io.lazadapos.ledger;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RuntimeExchangeException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedSqlParametersTest {

    private final NamedSqlParameters strategy = new NamedSqlParameters();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private List<Object> values(String query, Object row) throws Exception {
        List<Object> out = new ArrayList<>();
        Iterator<?> it = strategy.createPopulateIterator(query, null, 0, exchange, row);
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void plainNamesAreReadOncePerQueryAndTakenFromTheRowThenTheHeaders() throws Exception {
        String q = "UPDATE invoice SET paid_at = :?now WHERE seller_id = :?sellerId AND order_id = :?orderId AND note <> :?now";
        exchange.getIn().setHeader("now", "header-now");
        assertThat(values(q, Map.of("sellerId", "s1", "orderId", "o1", "now", "row-now"))).containsExactly("row-now", "s1", "o1", "row-now");
        assertThat(values(q, Map.of("sellerId", "s2", "orderId", "o2"))).containsExactly("header-now", "s2", "o2", "header-now");
        assertThat(strategy.plainNames(q)).containsExactly("now", "sellerId", "orderId", "now");
    }

    @Test
    void aMissingNameIsTheSameErrorAsCamelsOwn() {
        assertThatThrownBy(() -> values("DELETE FROM x WHERE a = :?a", Map.of("b", 1)))
                .isInstanceOf(RuntimeExchangeException.class).hasMessageContaining("Cannot find key [a]");
    }

    @Test
    void inListsAndExpressionsGoToCamelsOwnStrategy() {
        assertThat(strategy.plainNames("SELECT 1 FROM x WHERE id IN (:?in:ids)")).isEmpty();
        assertThat(strategy.plainNames("SELECT 1 FROM x WHERE id = :?${header.id}")).isEmpty();
    }
}
