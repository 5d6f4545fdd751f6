package io.lazadapos.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Every log line about an order names its seller and order id; lines about a whole poll do not. */
class OrderLogContextTest {

    private final List<LogEvent> lines = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;
    private RunningApp app;

    @BeforeEach
    void start() {
        capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.toImmutable());
            }
        };
        capture.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(capture, null, null);
        logging.updateLoggers();
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", TestClock.anHourAgo()));
    }

    @AfterEach
    void stop() {
        app.close();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender("capture");
        logging.updateLoggers();
        capture.stop();
    }

    @Test
    void linesAboutAFailingOrderNameItsSellerAndId() {
        String refused = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        new LedgerFaults(app.jdbc()).refuseInvoiceOf(refused);
        lines.clear();
        app.pollNow();

        List<LogEvent> deadLetter = lines.stream().filter(e -> e.getMessage().getFormattedMessage().startsWith("dead letter:")).toList();
        assertThat(deadLetter).hasSize(1);
        assertThat(deadLetter.get(0).getContextData().<String>getValue("seller")).isEqualTo("default");
        assertThat(deadLetter.get(0).getContextData().<String>getValue("order")).isEqualTo(refused);


        LogEvent pollDone = lines.stream().filter(e -> e.getMessage().getFormattedMessage().startsWith("poll done")).findFirst().orElseThrow();
        assertThat(pollDone.getContextData().<String>getValue("order")).isNull();
        assertThat(pollDone.getContextData().<String>getValue("seller")).isNull();
    }

    @Test
    void operatorActionsOnAnOrderNameIt() {
        String id = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        app.pollNow();
        app.sandbox().setOrderStatus(id, "canceled", "cancellation-seller");
        app.fetchAndSync("default", id, "push");
        lines.clear();

        assertThat(ApiCalls.post(app, "/api/recycle-bin/" + id + "/restore", null).statusCode()).isEqualTo(200);

        LogEvent restored = lines.stream().filter(e -> e.getMessage().getFormattedMessage().startsWith("invoice restored")).findFirst().orElseThrow();
        assertThat(restored.getContextData().<String>getValue("order")).isEqualTo(id);
        assertThat(restored.getContextData().<String>getValue("seller")).isEqualTo("default");
    }
}
