package com.communitypulse.reconcile.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.MutableClock;
import com.communitypulse.reconcile.ReconcileConfig;
import com.communitypulse.reconcile.ReconcileMetrics;
import com.communitypulse.reconcile.platform.GitHubDeliveries;
import com.communitypulse.reconcile.platform.GitHubToken;
import com.communitypulse.reconcile.platform.StandInGitHub;
import com.communitypulse.reconcile.store.DynamoDbReconcileStore;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GitHub never redelivers a failed delivery by itself: these runs of the reconciler against a stand-in
 * GitHub API (HTTP level) and DynamoDB Local (the webhook function's real claim items) check that what
 * never reached us is asked for again, once, and nothing else is.
 */
class ReconcileServiceIT {
    static final String REPO_HOOK = "/repos/octo-org/hello/hooks/7";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z"); // a Wednesday, ISO week 2026-W48
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();
    private StandInGitHub github;
    private MutableClock clock;

    @BeforeEach
    void setUp() throws Exception {
        github = new StandInGitHub();
        clock = new MutableClock(NOW);
        github.hook(REPO_HOOK);
    }

    @AfterEach
    void tearDown() throws Exception {
        github.close();
    }

    private ReconcileService service(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", TABLE.name(), "GITHUB_API_URL", github.url(),
                "GITHUB_RECONCILE_HOOKS", "repo:octo-org/hello:7"));
        env.putAll(extra);
        ReconcileConfig config = ReconcileConfig.from(new Env(env));
        return new ReconcileService(config, new GitHubDeliveries(config.apiUrl(), GitHubToken.of(StandInGitHub.TOKEN),
                Duration.ofSeconds(5)), new DynamoDbReconcileStore(TABLE.client(), TABLE.name()), ReconcileMetrics.NONE, clock);
    }

    private ReconcileService service() {
        return service(Map.of());
    }

    /** The webhook function's claim, as its DynamoDbDeliveryClaimStore writes it. */
    private void claim(String hookId, String guid, String state, Instant at) {
        TABLE.client().putItem(p -> p.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, s(TableKeys.delivery("github", hookId + "#" + guid)),
                TableKeys.SK, s(TableKeys.DELIVERY),
                TableKeys.TTL, n(at.plus(Duration.ofDays(7)).getEpochSecond()),
                "state", s(state),
                "claimed_at", n(at.getEpochSecond()),
                "platform", s("github"),
                "delivery_id", s(guid),
                "received_at", s(at.toString()))));
    }

    private Map<String, AttributeValue> ingest(String week) {
        var item = TABLE.client().getItem(g -> g.tableName(TABLE.name()).key(Map.of(TableKeys.PK, s(TableKeys.ingest(week)),
                TableKeys.SK, s(TableKeys.INGEST)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private int count(String week, String counter) {
        var item = ingest(week);
        return item == null || !item.containsKey(counter) ? 0 : Integer.parseInt(item.get(counter).n());
    }

    private static String redeliveredId(RecordedRequest post) {
        return post.getRequestUrl().encodedPath().replaceAll(".*/deliveries/(\\d+)/attempts", "$1");
    }

    @Test
    void aFailedDeliveryWeNeverClaimedIsRedeliveredOnceWithGitHubsHeaders() {
        long id = github.failed(REPO_HOOK, "guid-a", NOW.minus(Duration.ofHours(2)), 503);

        ReconcileService.Summary first = service().run();

        List<RecordedRequest> posts = github.redeliveries();
        assertEquals(1, posts.size(), "one redelivery request");
        RecordedRequest post = posts.get(0);
        assertEquals("/repos/octo-org/hello/hooks/7/deliveries/" + id + "/attempts", post.getRequestUrl().encodedPath());
        assertEquals("Bearer " + StandInGitHub.TOKEN, post.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", post.getHeader("Accept"));
        assertEquals("2022-11-28", post.getHeader("X-GitHub-Api-Version"));
        RecordedRequest list = github.lists().get(0);
        assertEquals("/repos/octo-org/hello/hooks/7/deliveries", list.getRequestUrl().encodedPath());
        assertEquals("100", list.getRequestUrl().queryParameter("per_page"));
        assertEquals(1, first.redeliveryRequested());
        assertEquals(1, count("2026-W48", TableKeys.INGEST_SEEN));
        assertEquals(1, count("2026-W48", TableKeys.INGEST_FAILED));
        assertEquals(1, count("2026-W48", TableKeys.INGEST_REQUESTED));

        // a retried run a minute later does not ask again while GitHub is still sending it
        github.clearRequests();
        clock.advance(Duration.ofMinutes(1));
        service().run();
        assertEquals(0, github.redeliveries().size(), "asked again a minute later");

        // GitHub sends it again (same GUID) and the webhook function claims it: recovered, counted once
        github.add(REPO_HOOK, "guid-a", NOW.plusSeconds(5), 200, true, "issues");
        claim("7", "guid-a", "done", NOW.plusSeconds(5));
        clock.advance(Duration.ofHours(1));
        github.clearRequests();
        ReconcileService.Summary later = service().run();
        assertEquals(0, github.redeliveries().size(), "redelivered twice");
        assertEquals(1, later.recovered());
        service().run();
        assertEquals(1, count("2026-W48", TableKeys.INGEST_RECOVERED), "recovered counted once");
        assertEquals(1, count("2026-W48", TableKeys.INGEST_SEEN), "seen counted once over three runs");
        assertEquals(0, count("2026-W48", TableKeys.INGEST_LOST));
    }

    @Test
    void aDeliveryOurWebhookClaimedIsLeftAloneEvenWhenGitHubRecordedATimeout() {
        github.failed(REPO_HOOK, "guid-slow", NOW.minus(Duration.ofHours(3)), 0);
        claim("7", "guid-slow", "done", NOW.minus(Duration.ofHours(3)));
        // a claim under another hook id is another hook's delivery of the same event: it does not count here
        github.failed(REPO_HOOK, "guid-other-hook", NOW.minus(Duration.ofHours(3)), 502);
        claim("8", "guid-other-hook", "done", NOW.minus(Duration.ofHours(3)));

        ReconcileService.Summary summary = service().run();

        assertEquals(1, github.redeliveries().size());
        assertTrue(github.redeliveries().get(0).getRequestUrl().encodedPath().contains("/deliveries/"));
        assertEquals(1, summary.alreadyClaimed());
        assertEquals(1, summary.redeliveryRequested());
    }

    @Test
    void aPendingClaimIsInProgressButAnAbandonedOneIsRedelivered() {
        github.failed(REPO_HOOK, "guid-now", NOW.minusSeconds(20), 0);
        claim("7", "guid-now", "pending", NOW.minusSeconds(10));
        long abandoned = github.failed(REPO_HOOK, "guid-dead", NOW.minus(Duration.ofHours(1)), 0);
        claim("7", "guid-dead", "pending", NOW.minus(Duration.ofHours(1)));

        service().run();

        assertEquals(List.of(Long.toString(abandoned)), github.redeliveries().stream().map(ReconcileServiceIT::redeliveredId).toList());
    }

    @Test
    void aDeliveryAlreadyRedeliveredSuccessfullyIsLeftAlone() {
        github.failed(REPO_HOOK, "guid-done", NOW.minus(Duration.ofHours(5)), 500);
        github.add(REPO_HOOK, "guid-done", NOW.minus(Duration.ofHours(4)), 202, true, "issues");
        github.add(REPO_HOOK, "guid-ping", NOW.minus(Duration.ofHours(4)), 0, false, "ping");

        ReconcileService.Summary summary = service().run();

        assertEquals(0, github.redeliveries().size());
        assertEquals(0, summary.missing());
        assertEquals(1, count("2026-W48", TableKeys.INGEST_SEEN), "the original counts, its redelivery and the ping do not");
    }

    @Test
    void pagesAreFollowedThroughTheLinkHeadersCursor() {
        long oldest = github.failed(REPO_HOOK, "guid-oldest", NOW.minus(Duration.ofHours(30)), 504);
        for (int i = 0; i < 240; i++) {
            String guid = "ok-" + i;
            github.add(REPO_HOOK, guid, NOW.minus(Duration.ofHours(29)).plusSeconds(i * 60L), 200, false, "push");
        }

        ReconcileService.Summary summary = service().run();

        List<RecordedRequest> lists = github.lists();
        assertEquals(3, lists.size(), "241 deliveries are three pages of 100");
        assertNull(lists.get(0).getRequestUrl().queryParameter("cursor"));
        assertEquals("v1_100", lists.get(1).getRequestUrl().queryParameter("cursor"));
        assertEquals("v1_200", lists.get(2).getRequestUrl().queryParameter("cursor"));
        lists.forEach(l -> assertEquals("100", l.getRequestUrl().queryParameter("per_page")));
        assertEquals(List.of(Long.toString(oldest)), github.redeliveries().stream().map(ReconcileServiceIT::redeliveredId).toList());
        assertEquals(241, summary.listed());
        assertEquals(241, summary.seen());
    }

    @Test
    void listingStopsAtTheLookBackWindowAndOlderDeliveriesAreNotRedelivered() {
        github.failed(REPO_HOOK, "guid-too-old", NOW.minus(Duration.ofHours(80)), 500);
        for (int i = 0; i < 150; i++) {
            github.failed(REPO_HOOK, "guid-ancient-" + i, NOW.minus(Duration.ofHours(100)).minusSeconds(i), 500);
        }
        long recent = github.failed(REPO_HOOK, "guid-recent", NOW.minus(Duration.ofHours(1)), 500);

        service(Map.of("RECONCILE_LOOKBACK_HOURS", "240")).run(); // capped at GitHub's 72 h

        assertEquals(1, github.lists().size(), "the first page already reaches past the window");
        assertEquals(List.of(Long.toString(recent)), github.redeliveries().stream().map(ReconcileServiceIT::redeliveredId).toList());
    }

    @Test
    void theBudgetLimitsRedeliveriesPerRunOldestFirstAndTheNextRunTakesTheRest() {
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = github.failed(REPO_HOOK, "guid-" + i, NOW.minus(Duration.ofHours(10 - i)), 503);
        }

        ReconcileService.Summary first = service(Map.of("RECONCILE_MAX_REDELIVERIES", "2")).run();

        assertEquals(List.of(Long.toString(ids[0]), Long.toString(ids[1])),
                github.redeliveries().stream().map(ReconcileServiceIT::redeliveredId).toList(), "the two oldest");
        assertEquals(2, first.redeliveryRequested());
        assertEquals(3, first.deferred());

        github.clearRequests();
        clock.advance(Duration.ofHours(1));
        service(Map.of("RECONCILE_MAX_REDELIVERIES", "2")).run();
        // the first two were asked for an hour ago and still failed: asked again, oldest first, within the budget
        assertEquals(2, github.redeliveries().size());
    }

    @Test
    void aRateLimitMidRunStopsRedeliveringAndLeavesTheRestForTheNextRun() {
        for (int i = 0; i < 4; i++) {
            github.failed(REPO_HOOK, "guid-" + i, NOW.minus(Duration.ofHours(10 - i)), 503);
        }
        github.redeliveriesBeforeRateLimit = 1;

        ReconcileService.Summary summary = service().run();

        assertEquals(2, github.redeliveries().size(), "one accepted, one refused for the rate limit, then no more calls");
        assertTrue(summary.rateLimited());
        assertEquals(1, summary.redeliveryRequested());
        assertEquals(3, summary.deferred());
        assertEquals(1, count("2026-W48", TableKeys.INGEST_REQUESTED));
        assertEquals(0, count("2026-W48", TableKeys.INGEST_LOST), "rate limited is not lost");

        github.redeliveriesBeforeRateLimit = -1;
        github.clearRequests();
        clock.advance(Duration.ofHours(1));
        service().run();
        assertEquals(4, github.redeliveries().size(), "the next run asks for the three left, and the first again");
    }

    @Test
    void aRateLimitedListIsNotAFailureTheNextRunCatchesUp() {
        github.failed(REPO_HOOK, "guid-a", NOW.minus(Duration.ofHours(1)), 503);
        github.rateLimitList = true;

        ReconcileService.Summary summary = service().run();

        assertTrue(summary.rateLimited());
        assertEquals(0, github.redeliveries().size());
        github.rateLimitList = false;
        service().run();
        assertEquals(1, github.redeliveries().size());
    }

    @Test
    void gitHub5xxOnListFailsTheRunClearlyAndLosesNothing() {
        github.failed(REPO_HOOK, "guid-a", NOW.minus(Duration.ofHours(1)), 503);
        github.listStatus = 502;

        var failure = assertThrows(ReconcileService.ReconcileFailedException.class, () -> service().run());

        assertTrue(failure.getMessage().contains("repo:octo-org/hello:7") && failure.getMessage().contains("HTTP 502"),
                failure.getMessage());
        assertEquals(0, github.redeliveries().size());
        assertNull(ingest("2026-W48"), "nothing counted");
        assertTrue(TABLE.client().getItem(g -> g.tableName(TABLE.name()).key(Map.of(TableKeys.PK,
                s(TableKeys.reconcileCheckpoint("repo:octo-org/hello:7")), TableKeys.SK, s(TableKeys.CHECKPOINT)))).item().isEmpty(),
                "no checkpoint moved");

        // Lambda's retry, once GitHub is back, finds it
        github.listStatus = 200;
        service().run();
        assertEquals(1, github.redeliveries().size());
        assertEquals(1, count("2026-W48", TableKeys.INGEST_SEEN));
    }

    @Test
    void oneFailingHookDoesNotStopTheOthersButTheRunStillFails() {
        github.failed("/orgs/acme/hooks/9", "guid-org", NOW.minus(Duration.ofHours(1)), 500);
        ReconcileService service = service(Map.of("GITHUB_RECONCILE_HOOKS", "repo:octo-org/missing:5,org:acme:9"));

        var failure = assertThrows(ReconcileService.ReconcileFailedException.class, service::run);

        assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
        assertEquals(1, github.redeliveries().size());
        assertEquals("/orgs/acme/hooks/9/deliveries/" + redeliveredId(github.redeliveries().get(0)) + "/attempts",
                github.redeliveries().get(0).getRequestUrl().encodedPath());
    }

    @Test
    void afterTheLastAttemptOrARefusalADeliveryIsCountedLostOnce() {
        github.failed(REPO_HOOK, "guid-hopeless", NOW.minus(Duration.ofHours(10)), 401);
        for (int run = 0; run < 4; run++) {
            service(Map.of("RECONCILE_MAX_ATTEMPTS", "2")).run();
            github.add(REPO_HOOK, "guid-hopeless", clock.instant().plusSeconds(1), 401, true, "issues");
            clock.advance(Duration.ofHours(1));
        }
        assertEquals(2, github.redeliveries().size(), "two attempts, then given up");
        assertEquals(1, count("2026-W48", TableKeys.INGEST_LOST));
        assertEquals(2, count("2026-W48", TableKeys.INGEST_REQUESTED));
        assertEquals(1, count("2026-W48", TableKeys.INGEST_SEEN));
    }

    @Test
    void noHooksConfiguredCallsNothing() {
        ReconcileService.Summary summary = service(Map.of("GITHUB_RECONCILE_HOOKS", "")).run();
        assertEquals(0, summary.hooks());
        assertTrue(github.requests().isEmpty());
        assertFalse(summary.rateLimited());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
