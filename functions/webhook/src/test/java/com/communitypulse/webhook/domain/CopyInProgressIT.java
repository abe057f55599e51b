package com.communitypulse.webhook.domain;

import static com.communitypulse.webhook.PlatformSigner.DEV_DISCORD_SEED;
import static com.communitypulse.webhook.PlatformSigner.DEV_GITHUB_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_SLACK_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.webhook.PlatformSigner;
import com.communitypulse.webhook.RecordingMetrics;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A copy that arrives while the first copy of the same delivery is still being published must not be
 * told "done": the first publish can still fail, and then only the platform's next retry can bring the
 * delivery in. Played with the real claims on DynamoDB Local and a bus that holds the first publish.
 */
class CopyInProgressIT {
    static final long TS = WebhookServiceIT.TS;
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    /** A bus whose first publish waits until the test lets it go, then fails or succeeds as told. */
    static final class HeldBus implements EventPublisher {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<BusEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean holdNext = true;
        volatile boolean failHeld;

        @Override
        public void publish(List<BusEvent> batch) {
            if (holdNext) {
                holdNext = false;
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failHeld) {
                    throw new PublishException("PutEvents timed out (test)");
                }
            }
            events.addAll(batch);
        }
    }

    final HeldBus bus = new HeldBus();
    final WebhookService service = new WebhookService(new EnvSecretSource(new Env(PlatformSigner.devSecrets())),
            new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()), bus, new RecordingMetrics(), new DetailProjection(),
            Clock.fixed(WebhookServiceIT.NOW, ZoneOffset.UTC));

    WebhookResponse post(String route, Map<String, String> headers, String body) {
        return service.handle(new WebhookRequest(route, headers, body, false, "req-" + UUID.randomUUID()));
    }

    CompletableFuture<WebhookResponse> firstCopyHeld(String route, Map<String, String> headers, String body) throws Exception {
        CompletableFuture<WebhookResponse> first = CompletableFuture.supplyAsync(() -> post(route, headers, body));
        assertTrue(bus.entered.await(10, TimeUnit.SECONDS), "the first copy is publishing");
        return first;
    }

    /**
     * Slack gives an Events API request 3 s. With no answer by then it sends retry 1 at once, without
     * waiting for the first (X-Slack-Retry-Num: 1, X-Slack-Retry-Reason: http_timeout), then retry 2
     * after about a minute and retry 3 after about five, and stops at the first 2xx or at
     * X-Slack-No-Retry: 1. Here the first publish fails after retry 1 was answered.
     */
    @Test
    void slacksImmediateRetryIsNotAcknowledgedUntilAPublishSucceeded() throws Exception {
        String eventId = "Ev" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"" + eventId + "\",\"event_time\":" + TS
                + ",\"event\":{\"type\":\"message\",\"user\":\"U1\",\"text\":\"hello\",\"channel\":\"C1\",\"ts\":\"1.2\"}}";
        CompletableFuture<WebhookResponse> first = firstCopyHeld("slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, body), body);

        Map<String, String> retry1 = PlatformSigner.slack(DEV_SLACK_SECRET, TS + 3, body);
        retry1.put("X-Slack-Retry-Num", "1");
        retry1.put("X-Slack-Retry-Reason", "http_timeout");
        WebhookResponse racing = post("slack", retry1, body);

        assertFalse(racing.status() >= 200 && racing.status() < 300,
                "Slack stops retrying on any 2xx; the first copy is not published yet: " + racing.status() + " " + racing.body());
        assertEquals(409, racing.status());
        assertEquals("in_progress", Json.mapper().readTree(racing.body()).path("reason").asText());
        assertEquals("20", racing.headers().get("Retry-After"));
        assertNull(racing.headers().get("X-Slack-No-Retry"), "never tell Slack to give up on a copy in progress");

        bus.failHeld = true;
        bus.release.countDown();
        assertEquals(503, first.get(10, TimeUnit.SECONDS).status(), "the first copy's publish failed");
        assertTrue(bus.events.isEmpty());

        Map<String, String> retry2 = PlatformSigner.slack(DEV_SLACK_SECRET, TS + 63, body);
        retry2.put("X-Slack-Retry-Num", "2");
        retry2.put("X-Slack-Retry-Reason", "http_error");
        assertEquals(202, post("slack", retry2, body).status(), "Slack's retry a minute later is the copy that gets in");
        assertEquals(1, bus.events.size());
    }

    /**
     * GitHub never redelivers by itself; a copy is a manual or API redelivery (same X-GitHub-Delivery).
     * One made while the first is still publishing is shown as failed in the hook's Recent Deliveries,
     * which is the truth: the first's own answer says whether it got in.
     */
    @Test
    void aGitHubRedeliveryRacingTheFirstIsRetryableAndTheFirstStillCounts() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = "{\"action\":\"created\",\"starred_at\":\"2026-11-20T10:00:00Z\",\"sender\":{\"id\":1,\"login\":\"m\"},"
                + "\"repository\":{\"full_name\":\"o/r\"},\"hook_id\":123456789}";
        Map<String, String> headers = PlatformSigner.github(DEV_GITHUB_SECRET, "star", delivery, body);
        CompletableFuture<WebhookResponse> first = firstCopyHeld("github", headers, body);

        assertEquals(409, post("github", headers, body).status());

        bus.release.countDown();
        assertEquals(202, first.get(10, TimeUnit.SECONDS).status());
        WebhookResponse later = post("github", headers, body);
        assertEquals(200, later.status(), "once published, a copy is a duplicate");
        assertEquals(1, bus.events.size());
    }

    /** Discord shows "This interaction failed" unless the answer is an interaction response (type 4 here). */
    @Test
    void aDiscordCopyInProgressStillGetsAValidInteractionResponse() throws Exception {
        String body = WebhookServiceIT.kudos("1307004321012349999", "thanks");
        Map<String, String> headers = PlatformSigner.discord(DEV_DISCORD_SEED, TS, body);
        CompletableFuture<WebhookResponse> first = firstCopyHeld("discord", headers, body);

        WebhookResponse copy = post("discord", headers, body);

        assertEquals(200, copy.status());
        assertEquals(4, Json.mapper().readTree(copy.body()).path("type").asInt(), copy.body());
        assertEquals(64, Json.mapper().readTree(copy.body()).path("data").path("flags").asInt(), "only the caller sees it");
        bus.release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
        assertEquals(1, bus.events.size());
    }
}
