package com.communitypulse.webhook.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.webhook.PlatformSigner;
import com.communitypulse.webhook.WebhookMetrics;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.store.DeliveryClaimStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the function writes to its logs: never a secret, a signature or a body. */
class LogHygieneTest {
    static final String SECRET = "s3cret-that-must-never-be-logged";
    static final String BODY_MARKER = "BODY-TEXT-THAT-MUST-NEVER-BE-LOGGED";
    final List<String> lines = new CopyOnWriteArrayList<>();
    AbstractAppender capture;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage() + " " + event.getContextData());
            }
        };
        capture.start();
        config.addAppender(capture);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(capture, null, null);
        }
        config.getRootLogger().addAppender(capture, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        for (LoggerConfig logger : context.getConfiguration().getLoggers().values()) {
            logger.removeAppender("capture");
        }
        context.getConfiguration().getRootLogger().removeAppender("capture");
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void rejectionsLogPlatformReasonAndRequestIdOnly() {
        long now = 1_795_168_800L;
        String body = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",\"text\":\"" + BODY_MARKER + "\"}}";
        Map<String, String> headers = PlatformSigner.slack(SECRET, now, body);
        String signature = headers.get("X-Slack-Signature");
        WebhookService service = new WebhookService(new EnvSecretSource(new Env(Map.of("SLACK_SIGNING_SECRET", SECRET))),
                new NoClaims(), new RecordingPublisher(), WebhookMetrics.NONE, new DetailProjection(),
                Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));

        assertEquals(401, service.handle(new WebhookRequest("slack", headers, body + " ", false, "req-tampered")).status());
        assertEquals(202, service.handle(new WebhookRequest("slack", headers, body, false, "req-good")).status());

        assertFalse(lines.isEmpty(), "something was logged");
        for (String line : lines) {
            assertFalse(line.contains(SECRET), line);
            assertFalse(line.contains(signature.substring(3)), line);
            assertFalse(line.contains(BODY_MARKER), line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("webhook rejected platform=slack reason=bad_signature request_id=req-tampered")),
                lines.toString());
    }

    /** Claims that always succeed: this test is about logs, not the table. */
    static final class NoClaims implements DeliveryClaimStore {
        @Override
        public Outcome claim(String platform, String key, String deliveryId, Instant now) {
            return Outcome.CLAIMED;
        }

        @Override
        public void confirm(String platform, String key, Instant now) {
        }

        @Override
        public void release(String platform, String key) {
        }
    }
}
