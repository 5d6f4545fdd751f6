package io.lazadapos.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in headless Chromium against a runtime fed by the sandbox: orders in the right
 * tabs, an order's timeline, a dead letter replayed from the page, a screenshot under target/.
 * Skipped only on a machine without Debian's chromium and chromium-driver (CI installs them).
 */
class DashboardBrowserTest {

    // The page re-renders as it refreshes: waits ignore elements that went stale meanwhile.
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;
    private HeadlessChromium chromium;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(HeadlessChromium.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        lazadaClock = TestClock.anHourAgo();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private String order(int items, String status) {
        return lazada.createOrder(SandboxOrderSpec.builder().items(items).status(status).build());
    }

    @Test
    void operatorSeesTabsOpensATimelineAndReplaysADeadLetter() throws Exception {
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
        String unpaid = order(1, "unpaid");
        String fresh = order(2, "pending");
        String toShip = order(1, "ready_to_ship");
        String shipped = order(1, "shipped");
        String delivered = order(3, "delivered");
        String canceled = order(1, "pending");
        String returned = order(1, "delivered");
        app.pollNow();
        lazadaClock.tick();
        lazada.setOrderStatus(canceled, "canceled", "cancellation-seller");
        lazada.setOrderStatus(returned, "returned");
        app.pollNow();

        // One order the ledger refuses: it lands in the dead letters, then Lazada moves it on.
        LedgerFaults faults = new LedgerFaults(app.jdbc());
        lazadaClock.tick();
        String refused = order(1, "pending");
        faults.refuseInvoiceOf(refused);
        app.pollNow();
        faults.heal();
        lazadaClock.tick();
        lazada.setOrderStatus(refused, "ready_to_ship");
        long deadLetter = app.jdbc().queryForObject("SELECT id FROM dead_letter WHERE order_id = ?", Long.class, refused);

        chromium = new HeadlessChromium();
        WebDriver page = chromium.driver();
        page.get("http://127.0.0.1:" + app.port() + "/");

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(count(page, "UNPAID")).isEqualTo("1");
            assertThat(count(page, "NEW_ORDER")).isEqualTo("2");
            assertThat(count(page, "IN_DELIVERY")).isEqualTo("2");
            assertThat(count(page, "CANCELED")).isEqualTo("1");
            assertThat(count(page, "COMPLAINED")).isEqualTo("1");
            assertThat(count(page, "DEAD_LETTERS")).isEqualTo("1");
        });
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(orderRows(page)).contains(fresh, toShip));

        page.findElement(By.cssSelector("#tabs button[data-view='IN_DELIVERY']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(orderRows(page)).containsExactlyInAnyOrder(shipped, delivered));

        page.findElement(By.cssSelector("#list tr[data-order-id='" + delivered + "']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(page.findElements(By.cssSelector("#timeline li")))
                .extracting(li -> li.getDomAttribute("data-type"))
                .containsExactly("CREATE_INVOICE", "MARK_SENT", "ADD_PAYMENT"));
        assertThat(page.findElement(By.id("detail-body")).getText()).contains("Paid", "Sent", "INV-");
        chromium.screenshot("dashboard-order.png");
        page.findElement(By.id("detail-close")).click();

        page.findElement(By.cssSelector("#tabs button[data-view='DEAD_LETTERS']")).click();
        By row = By.cssSelector("#list tr[data-dead-letter-id='" + deadLetter + "']");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !page.findElements(row).isEmpty());
        assertThat(page.findElement(row).getText()).contains(refused, "open");
        page.findElement(row).findElement(By.cssSelector("button.replay")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(page.findElement(row).findElement(By.cssSelector("td.state")).getText())
                .isEqualTo("replayed"));
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(count(page, "DEAD_LETTERS")).isEqualTo("0"));

        // The replay applied Lazada's current state, not the stored (pending) copy.
        JsonNode replayed = app.order(refused);
        assertThat(replayed.get("stage").asText()).isEqualTo("READY_TO_SHIP");
        assertThat(app.json("/api/orders/" + refused + "/events").findValuesAsText("source")).containsOnly("replay");

        page.findElement(By.cssSelector("#tabs button[data-view='NEW_ORDER']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(orderRows(page)).contains(refused));
        Path shot = chromium.screenshot("dashboard.png");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        assertThat(List.of(unpaid, canceled, returned)).doesNotContainNull();
    }

    @Test
    void theHealthPanelShowsHowFarTheSellersPosHasTheEvents() throws Exception {
        try (EventReceiver receiver = new EventReceiver("panel-secret")) {
            Map<String, String> settings = RunningApp.defaults();
            settings.put("pos.events.uri", receiver.url());
            settings.put("pos.events.secret", "panel-secret");
            settings.put("pos.events.interval", "100ms");
            app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock));
            lazada = app.sandbox();
            order(2, "delivered");
            app.pollNow();
            await().atMost(PATIENCE).until(() -> app.json("/api/pos-events").get("pending").asLong() == 0);

            chromium = new HeadlessChromium();
            WebDriver page = chromium.driver();
            page.get("http://127.0.0.1:" + app.port() + "/");
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(page.findElement(By.id("facts")).getText())
                    .contains("Events to your POS", receiver.url() + " · sent from this instance", "Events delivered up to\n#", "Events pending"));
            assertThat(page.findElement(By.id("checks")).getText()).contains("Pos events");
        }
    }

    @Test
    void theDashboardAsksOnceForTheApiTokenAndKeepsIt() throws Exception {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("pos.api-token", "s3cret-token");
        app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
        order(1, "pending");
        app.pollNow();

        chromium = new HeadlessChromium();
        WebDriver page = chromium.driver();
        page.get("http://127.0.0.1:" + app.port() + "/");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> page.findElement(By.id("token-form")).isDisplayed());
        assertThat(page.findElement(By.id("token-error")).isDisplayed()).isFalse();
        page.findElement(By.id("token")).sendKeys("s3cret-token");
        page.findElement(By.cssSelector("#token-form button[type='submit']")).click();

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(count(page, "NEW_ORDER")).isEqualTo("1"));
        assertThat(page.findElement(By.id("token-form")).isDisplayed()).isFalse();

        // A reload of the tab keeps the token (sessionStorage): no second question.
        page.navigate().refresh();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(count(page, "NEW_ORDER")).isEqualTo("1"));
        assertThat(page.findElement(By.id("token-form")).isDisplayed()).isFalse();
    }

    @Test
    void withSeveralSellersThePickerShowsOneSellersOrders() throws Exception {
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
        lazada.addSeller("shop-b", "b-access-token-1", "b-refresh-token-1");
        String ofDefault = order(1, "pending");
        String ofB1 = lazada.createOrder(SandboxOrderSpec.builder().sellerId("shop-b").items(1).status("pending").build());
        String ofB2 = lazada.createOrder(SandboxOrderSpec.builder().sellerId("shop-b").items(2).status("pending").build());
        assertThat(ApiCalls.post(app, "/api/sellers", "{\"sellerId\":\"shop-b\",\"country\":\"ID\",\"name\":\"Shop B\","
                + "\"accessToken\":\"b-access-token-1\",\"refreshToken\":\"b-refresh-token-1\"}").statusCode()).isEqualTo(201);
        app.pollNow();
        app.template().sendBodyAndHeader("direct:poll-seller", null, "sellerId", "shop-b");

        chromium = new HeadlessChromium();
        WebDriver page = chromium.driver();
        page.get("http://127.0.0.1:" + app.port() + "/");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(count(page, "NEW_ORDER")).isEqualTo("3");
            assertThat(orderRows(page)).containsExactlyInAnyOrder(ofDefault, ofB1, ofB2);
            assertThat(page.findElement(By.id("seller-filter")).isDisplayed()).isTrue();
        });

        new org.openqa.selenium.support.ui.Select(page.findElement(By.id("seller-filter"))).selectByValue("shop-b");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(count(page, "NEW_ORDER")).isEqualTo("2");
            assertThat(orderRows(page)).containsExactlyInAnyOrder(ofB1, ofB2);
        });
        new org.openqa.selenium.support.ui.Select(page.findElement(By.id("seller-filter"))).selectByValue("default");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(count(page, "NEW_ORDER")).isEqualTo("1");
            assertThat(orderRows(page)).containsExactly(ofDefault);
        });
    }

    private static String count(WebDriver page, String view) {
        return page.findElement(By.cssSelector("#tabs button[data-view='" + view + "'] .count")).getText();
    }

    private static List<String> orderRows(WebDriver page) {
        return page.findElements(By.cssSelector("#list tbody tr[data-order-id]")).stream()
                .map((WebElement tr) -> tr.getDomAttribute("data-order-id")).toList();
    }
}
