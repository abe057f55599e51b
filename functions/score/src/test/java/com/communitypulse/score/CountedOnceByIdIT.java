package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An action counts once by its id, whatever its timestamp. Types with no time of their own in the
 * payload (GitHub {@code watch}, {@code gollum}, {@code member}; Discourse {@code user_created},
 * solved, like; Slack) are timed at arrival, the webhook's {@code received_at}, which is new on every
 * publish of the delivery. The three ways that happens for real are played here on DynamoDB Local.
 */
class CountedOnceByIdIT {
    private static final CountingInterceptor COUNTER = new CountingInterceptor();
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(COUNTER);

    private final RecordingPublisher bus = new RecordingPublisher();
    private final ScoringService service = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
            new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));

    private static Map<String, AttributeValue> profile(String id) {
        return TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person(id)), "sk", AttributeValue.fromS(TableKeys.PROFILE)))).item();
    }

    /** Activity items of one action (a test may scan; the function never does). */
    private static List<Map<String, AttributeValue>> activity(String actionId) {
        return TABLE.client().scanPaginator(r -> r.tableName(TABLE.name()).filterExpression("action_id = :id AND #t <> :tier")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(actionId),
                                ":tier", AttributeValue.fromS(TableKeys.TIER_CHANGED))))
                .items().stream().toList();
    }

    private static CommunityAction retimed(CommunityAction a, String timestamp) {
        return new CommunityAction(a.event(), a.id(), a.actor(), a.actorLogin(), a.actorKind(), a.context(), timestamp);
    }

    /**
     * GitHub sends a {@code star created} (with {@code starred_at}) and a {@code watch started} (no time:
     * its arrival) for one star; the normaliser gives both the id of {@code github:starred:{repo}:{sender}}.
     */
    @Test
    void aStarDeliveredAsStarCreatedAndAsWatchStartedIsScoredOnce() {
        CommunityAction star = action("starred-octo-1", "github:7001", "stargazer", "starred", "2026-11-20T10:00:00Z");
        CommunityAction watch = retimed(star, "2026-11-20T10:00:01.734Z");

        assertTrue(service.handle(star).recorded());
        ScoringService.Result second = service.handle(watch);

        assertFalse(second.recorded(), "the watch is the same star");
        assertEquals("1", profile("github:7001").get("c_starred").n());
        assertEquals(0, new BigDecimal("0.1").compareTo(new BigDecimal(profile("github:7001").get("score").n())));
        assertEquals(1, activity("starred-octo-1").size());
        assertEquals(1, bus.ofType(Sources.FIRST_CONTRIBUTION).size());
    }

    /**
     * The webhook's PutEvents timed out after EventBridge had in fact taken the entry; the claim was
     * released and the answer was 503, so the platform's retry (Slack's, or a manual GitHub
     * redelivery) was published again with a new {@code received_at}: here across midnight, so even
     * the {@code DAY#} partition differs.
     */
    @Test
    void aRepublishAfterAReleasedClaimIsScoredOnceEvenOnAnotherDay() {
        CommunityAction added = action("member-added-1", "github:7002", "newmember", "member_joined",
                "2026-11-20T23:59:59.812Z");
        assertTrue(service.handle(added).recorded());
        assertFalse(service.handle(retimed(added, "2026-11-21T00:01:02.003Z")).recorded(), "the republish is the same action");

        assertEquals("1", profile("github:7002").get("c_member_joined").n());
        assertEquals(1, activity("member-added-1").size());
    }

    /**
     * GitHub signs the body only; {@code X-GitHub-Delivery} is not signed. A captured {@code gollum} body
     * replayed with a fresh GUID is a new delivery to the webhook, published each time, timed at arrival.
     */
    @Test
    void aSignedBodyReplayedUnderFreshDeliveryGuidsIsScoredOnce() {
        CommunityAction edit = action("gollum-page-1", "github:7003", "wikiwriter", "docs_edited", "2026-11-20T09:00:00.100Z");
        assertTrue(service.handle(edit).recorded());
        for (int replay = 1; replay <= 5; replay++) {
            CommunityAction copy = retimed(edit, "2026-11-2" + replay + "T09:00:00.100Z");
            assertFalse(service.handle(copy).recorded(), "replay " + replay);
        }
        Map<String, AttributeValue> p = profile("github:7003");
        assertEquals("1", p.get("c_docs_edited").n());
        assertEquals("Contributor", p.get("tier").s());
        assertEquals(1, activity("gollum-page-1").size());
        assertEquals(1, bus.ofType(Sources.TIER_CHANGED).stream()
                .filter(e -> e.detail().contains("github:7003")).count(), "the promotion is decided once");
    }

    /**
     * The redelivery path stays cheap: a copy with the same timestamp (EventBridge's own retry) and one
     * re-timed at arrival both cost the profile's GetItem and one cancelled transaction, nothing more
     * (a re-timed copy of an action that decided events reads the first copy's activity item too).
     */
    @Test
    void aCopyCostsOneGetItemAndOneCancelledTransactionWhateverItsTimestamp() {
        service.handle(action("like-0", "discourse:7004", "liker", "reaction_added", "2026-11-20T11:00:00Z"));
        CommunityAction like = action("like-1", "discourse:7004", "liker", "reaction_added", "2026-11-20T12:00:00Z");
        service.handle(like);
        COUNTER.snapshotAndReset();
        service.handle(like);
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), COUNTER.snapshotAndReset(), "same timestamp");
        service.handle(retimed(like, "2026-11-20T12:03:00Z"));
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), COUNTER.snapshotAndReset(), "re-timed at arrival");
    }

    /**
     * The first copy's PutEvents failed after its transaction committed (the invocation threw); the
     * next copy is re-timed at arrival, and it is the one that publishes the stored events and marks
     * the first copy's activity item as published.
     */
    @Test
    void aRetimedCopyPublishesWhatTheFirstCopyLeftUnpublished() {
        CommunityAction joined = action("user-created-1", "discourse:7005", "newbie", "member_joined", "2026-11-20T08:00:00.001Z");
        bus.failNext(1);
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> service.handle(joined));
        assertTrue(bus.ofType(Sources.FIRST_CONTRIBUTION).isEmpty());

        ScoringService.Result copy = service.handle(retimed(joined, "2026-11-20T08:00:42.500Z"));

        assertFalse(copy.recorded());
        assertEquals(1, bus.ofType(Sources.FIRST_CONTRIBUTION).size(), "the stored event, published by the copy");
        Map<String, AttributeValue> first = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of(
                "pk", AttributeValue.fromS("DAY#2026-11-20"),
                "sk", AttributeValue.fromS("2026-11-20T08:00:00.001Z#user-created-1")))).item();
        assertTrue(first.get("events_published").bool());
        assertFalse(first.containsKey("events"));
    }
}
