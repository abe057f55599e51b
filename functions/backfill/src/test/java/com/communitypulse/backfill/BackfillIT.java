package com.communitypulse.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.backfill.domain.BackfillState;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.platform.GitHubToken;
import com.communitypulse.testkit.github.StandInGitHub;
import com.communitypulse.backfill.store.DynamoDbBackfillStore;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backfill against a stand-in of GitHub's REST API (HTTP level: Link pages, rate-limit headers, ETags, faults)
 * and DynamoDB Local: a repository with thousands of issues, PRs, comments and stars is backfilled in steps to
 * exactly the stand-in's own count of actions (through the real normaliser), a second run of the window publishes
 * nothing, a crash resumes from the checkpoint, the rate budget is never exceeded, and refusals stop it with the
 * reason.
 */
class BackfillIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();
    static final String REPO = "octo-org/hello-world";
    static final Normaliser NORMALISER = new Normaliser(NormaliserConfig.defaults());

    StandInGitHub github;
    final RecordingPublisher bus = new RecordingPublisher();

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
    }

    BackfillHandler handler(EventPublisher publisher, double share, Duration stepTime, String token) {
        return handler(publisher, share, stepTime, token, Clock.systemUTC());
    }

    BackfillHandler handler(EventPublisher publisher, double share, Duration stepTime, String token, Clock clock) {
        GitHubRest rest = new GitHubRest(github.url(), GitHubToken.of(token), Duration.ofSeconds(5), Duration.ofSeconds(5),
                clock, d -> Thread.sleep(d.toMillis()));
        BackfillService service = new BackfillService(new BackfillService.Settings(share, Duration.ZERO, Duration.ofSeconds(5), true), rest,
                new DynamoDbBackfillStore(TABLE.client(), TABLE.name()), publisher, BackfillMetrics.NONE, clock);
        return new BackfillHandler(service, stepTime, clock);
    }

    BackfillHandler handler() {
        return handler(bus, 0.5, Duration.ofSeconds(60), StandInGitHub.TOKEN);
    }

    static Map<String, Object> requested(String repository) {
        return Map.of("detail-type", Sources.BACKFILL_REQUESTED, "source", Sources.BACKFILL,
                "detail", Map.of("platform", "github", "repository", repository));
    }

    /** Delivers the backfill's own {@code backfill.continue} events to it until there are none. */
    static int drive(BackfillHandler handler, RecordingPublisher bus, int from) throws Exception {
        int steps = 0;
        for (int seen = from; ; ) {
            List<BusEvent> all = bus.events();
            List<BusEvent> next = new ArrayList<>();
            for (int i = seen; i < all.size(); i++) {
                if (all.get(i).detailType().equals(Sources.BACKFILL_CONTINUE)) {
                    next.add(all.get(i));
                }
            }
            seen = all.size();
            if (next.isEmpty()) {
                return steps;
            }
            for (BusEvent event : next) {
                handler.handleRequest(envelope(event), null);
                steps++;
            }
        }
    }

    static Map<String, Object> envelope(BusEvent event) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("source", event.source());
        envelope.put("detail-type", event.detailType());
        envelope.put("detail", Json.mapper().readValue(event.detail(), new TypeReference<Map<String, Object>>() { }));
        return envelope;
    }

    /** The actions the normaliser makes of the history published, by id. */
    static Map<String, CommunityAction> actions(List<BusEvent> events) throws Exception {
        Map<String, CommunityAction> byId = new LinkedHashMap<>();
        for (BusEvent event : events) {
            if (!event.source().equals(Sources.WEBHOOK)) {
                continue;
            }
            RawDelivery delivery = Json.mapper().readValue(event.detail(), RawDelivery.class);
            assertEquals(RawDelivery.BACKFILL, delivery.origin());
            for (CommunityAction action : NORMALISER.normalise(delivery).communityActions()) {
                byId.put(action.id(), action);
            }
        }
        return byId;
    }

    static long history(List<BusEvent> events) {
        return events.stream().filter(e -> e.source().equals(Sources.WEBHOOK)).count();
    }

    BackfillState state() {
        return new DynamoDbBackfillStore(TABLE.client(), TABLE.name()).state("github", REPO).orElseThrow();
    }

    @Test
    void aRepositoryIsBackfilledInStepsToExactlyItsOwnCountSurvivingA502AndASecondaryLimit() throws Exception {
        github = new StandInGitHub(REPO).generate(2000, 2, 600, 300, 150).withReviews(6, 1);
        github.badGatewayOnce(path -> path.contains("/issues/comments") && path.contains("since="));
        github.secondaryLimitOnce(path -> path.contains("/stargazers") && path.contains("page=3"));
        BackfillHandler handler = handler(bus, 0.5, Duration.ofSeconds(2), StandInGitHub.TOKEN);
        long started = System.nanoTime();
        Map<String, Object> first = handler.handleRequest(requested(REPO), null);
        int steps = 1 + drive(handler, bus, 0);
        double seconds = (System.nanoTime() - started) / 1e9;

        BackfillState state = state();
        assertEquals(BackfillState.Status.DONE, state.status, () -> "done: " + state.lastError);
        Map<String, CommunityAction> actions = actions(bus.events());
        assertEquals(github.expectedActions(), actions.size(), "every action once, as the stand-in counts them");
        assertEquals(github.expectedDeliveries(), history(bus.events()), "one delivery per action: nothing published twice");
        assertEquals(github.items(), state.itemsFetched);
        assertTrue(actions.values().stream().allMatch(a -> "backfill".equals(a.context().origin())));
        assertTrue(actions.values().stream().noneMatch(a -> a.timestamp().startsWith("2026")), "their own times, not today's");
        assertTrue(actions.values().stream().anyMatch(a -> a.context().type().equals("pr_reviewed"))
                && actions.values().stream().anyMatch(a -> a.context().type().equals("review_comment")), "reviews and review comments too");
        System.out.printf("backfill: %d items (%d actions) in %.2f s over %d steps: %.0f items/s, %.1f GitHub requests"
                        + " per 1,000 items (%d requests)%n", state.itemsFetched, actions.size(), seconds, steps,
                state.itemsFetched / seconds, state.requests * 1000.0 / state.itemsFetched, state.requests);
        assertEquals("started", first.get("outcome"));
        assertTrue(steps > 1, "cut into steps by the step time");
    }

    @Test
    void theSameWindowTwicePublishesNothingAndCostsNoRateLimit() throws Exception {
        github = new StandInGitHub(REPO).generate(300, 1, 120, 50, 0).withReviews(2, 1);
        BackfillHandler handler = handler();
        handler.handleRequest(requested(REPO), null);
        drive(handler, bus, 0);
        int expected = github.expectedActions();
        assertEquals(expected, actions(bus.events()).size());
        int countedBefore = github.counted.get();
        bus.clear();

        handler.handleRequest(requested(REPO), null);
        drive(handler, bus, 0);
        assertEquals(0, history(bus.events()), "nothing published again");
        assertEquals(countedBefore, github.counted.get(), "every page and the repository answered 304, which GitHub does not count");
        BackfillState state = state();
        assertEquals(BackfillState.Status.DONE, state.status);
        assertEquals(2, state.runs);
        assertEquals(state.pages, state.pagesUnchanged);
    }

    @Test
    void aCrashMidRunResumesFromItsCheckpointWithoutLosingOrRepeatingMoreThanAPage() throws Exception {
        github = new StandInGitHub(REPO).generate(900, 1, 0, 80, 0);
        EventPublisher crashing = new EventPublisher() {
            int calls;

            @Override
            public void publish(List<BusEvent> batch) {
                if (++calls == 5) {
                    throw new PublishException("the bus is down (test)");
                }
                bus.publish(batch);
            }
        };
        BackfillHandler handler = handler(crashing, 0.5, Duration.ofSeconds(60), StandInGitHub.TOKEN);
        assertThrows(PublishException.class, () -> handler.handleRequest(requested(REPO), null));
        BackfillState crashed = state();
        assertEquals(BackfillState.Status.RUNNING, crashed.status);
        assertNull(crashed.leaseUntil, "the lease given back, so Lambda's retry of the same event goes on");
        assertEquals(4, crashed.pages, "four pages checkpointed");
        assertTrue(crashed.lastError.contains("the bus is down"), crashed.lastError);

        // Lambda retries the very event: the same step goes on from the checkpoint
        handler.handleRequest(Map.of("detail-type", Sources.BACKFILL_CONTINUE, "source", Sources.BACKFILL,
                "detail", Map.of("platform", "github", "repository", REPO, "step", crashed.step)), null);
        drive(handler, bus, 0);
        assertEquals(BackfillState.Status.DONE, state().status);
        assertEquals(github.expectedActions(), actions(bus.events()).size(), "nothing lost");
        assertEquals(github.expectedActions(), history(bus.events()), "the failed page was not half-published");
    }

    @Test
    void theRateBudgetIsNeverExceededAndTheScheduleResumesAfterTheReset() throws Exception {
        github = new StandInGitHub(REPO).generate(900, 0, 0, 100, 0);
        // the backfill's clock, so the window ends when the test says, however slow the machine
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Instant reset = clock.instant().plusSeconds(3600);
        github.rateLimit(5000, 12, reset);
        BackfillHandler handler = handler(bus, 0.5, Duration.ofSeconds(60), StandInGitHub.TOKEN, clock);
        Map<String, Object> first = handler.handleRequest(requested(REPO), null);
        drive(handler, bus, 0);
        assertEquals("waiting", first.get("status"));
        assertTrue(github.counted.get() <= 6, "at most half of the 12 left: " + github.counted.get());
        assertEquals(6, github.counted.get(), "and all of that half");
        assertEquals(6, github.remaining(), "the other half left to live work");
        BackfillState waiting = state();
        assertEquals(BackfillState.Status.WAITING, waiting.status);
        assertEquals(reset.getEpochSecond(), waiting.resumeAfter.getEpochSecond());
        assertTrue(history(bus.events()) > 0);

        Map<String, Object> early = handler.handleRequest(Map.of("detail-type", "Scheduled Event", "detail", Map.of()), null);
        assertEquals(List.of(), early.get("resumed"), "not before the reset");
        clock.advance(Duration.ofSeconds(3601));
        github.rateLimit(5000, 5000, reset.plusSeconds(3600));
        int before = bus.events().size();
        Map<String, Object> resumed = handler.handleRequest(Map.of("detail-type", "Scheduled Event", "detail", Map.of()), null);
        assertEquals(1, ((List<?>) resumed.get("resumed")).size());
        drive(handler, bus, before);
        assertEquals(BackfillState.Status.DONE, state().status);
        assertEquals(github.expectedActions(), actions(bus.events()).size());
    }

    @Test
    void anUnknownRepositoryABadTokenAndAMalformedPageStopWithTheReasonAndTheCheckpointKept() throws Exception {
        github = new StandInGitHub(REPO).generate(250, 0, 0, 10, 0);
        Map<String, Object> unknown = handler().handleRequest(requested("octo-org/nothing-here"), null);
        assertEquals("failed", unknown.get("status"));
        assertTrue(((String) unknown.get("last_error")).contains("404"), (String) unknown.get("last_error"));
        assertEquals(0, bus.events().size(), "nothing published, no next step");

        Map<String, Object> refused = handler(bus, 0.5, Duration.ofSeconds(60), "ghp_wrong").handleRequest(requested(REPO), null);
        assertEquals("failed", refused.get("status"));
        assertTrue(((String) refused.get("last_error")).contains("401"), (String) refused.get("last_error"));

        github.malformed(path -> path.contains("/issues?") && path.contains("since="));
        Map<String, Object> malformed = handler().handleRequest(requested(REPO), null);
        assertEquals("failed", malformed.get("status"));
        assertTrue(((String) malformed.get("last_error")).contains("not JSON"), (String) malformed.get("last_error"));
        BackfillState kept = state();
        assertEquals(1, kept.pages, "the first page read, the second refused");
        assertEquals(100, kept.itemsFetched);
        assertNotNull(kept.cursor.since(), "the checkpoint at the refused page");
        assertEquals(0, bus.ofType(Sources.BACKFILL_CONTINUE).size(), "no next step: it does not loop");

        github.malformed(null);
        handler().handleRequest(requested(REPO), null);
        drive(handler(), bus, 0);
        BackfillState repaired = state();
        assertEquals(BackfillState.Status.DONE, repaired.status);
        assertNull(repaired.lastError);
        assertEquals(github.expectedActions(), actions(bus.events()).size(), "a new request goes on from the checkpoint");
        assertEquals(github.expectedActions(), history(bus.events()), "the first page was not read again");
    }
}
