package com.communitypulse.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.api.store.Eraser;
import com.communitypulse.score.ScoreAction;
import com.communitypulse.score.ScoreHandler;
import com.communitypulse.score.ScoreMetrics;
import com.communitypulse.score.ScoringService;
import com.communitypulse.score.TierReview;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.DynamoDbTierReviewStore;
import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure leaves nothing behind, end to end: a person with every kind of item the system writes (written by
 * the real score function and monthly tier review, on DynamoDB Local) is erased, then a Scan of the whole table
 * (the test may scan; the functions never do) finds their ids and logins nowhere but in the salted markers, and
 * later actions by others on their threads bring nothing back. Here because this module runs both the score
 * function and the API's {@link Eraser}; the api module's {@code ErasureLeavesNothingIT} erases the same kinds
 * of items built without the scorer.
 */
class ErasureEndToEndIT {
    private static final String SALT = "pepper:";
    private static final ScoringConfig DEMOTING = ScoringConfig.parse("""
            {"demotion": {"enabled": true, "window_days": 14, "min_points": {"Contributor": 0.5}}}""");
    /** What identifies the person: both platform ids (also bare, as in URLs and keys) and both logins. */
    private static final List<String> TRACES = List.of("583231", "octocat", "998877", "octo-discord", "CRM-OCTO-77");
    private static final String T1 = "github:octo-org/hello-world#1";
    private static final String T2 = "github:octo-org/hello-world#2";
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    private final ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()),
            events -> { }, new Scorer(DEMOTING), Duration.ofDays(400), new com.communitypulse.score.store.TableSuggestions(
                    TABLE.client(), TABLE.name(), Duration.ofDays(400), java.time.Clock.systemUTC(), SALT), ScoreMetrics.NONE);
    private final ScoreHandler handler = new ScoreHandler(
            new ScoreAction(scoring, new ErasedIdentities(TABLE.client(), TABLE.name(), SALT), ScoreMetrics.NONE), null);

    /** Through the handler, as EventBridge delivers it, so the erasure markers are read. */
    private void act(String id, String actor, String login, String type, String ts, String thread, String threadAuthor,
                     String target) {
        String platform = actor.substring(0, actor.indexOf(':'));
        CommunityAction action = new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                new ActionContext(platform, type, "octo-org/hello-world", null, null, 40, null, null, thread,
                        threadAuthor, target, null), ts);
        Map<String, Object> envelope = Map.of("detail-type", "community.action", "source", "community-pulse.normalise",
                "detail", Json.mapper().convertValue(action, Map.class));
        handler.handleRequest(envelope, null);
    }

    /** A custom source's action with an e-mail hash ({@code context.email_sha256}), through the handler. */
    private void actWithEmail(String id, String actor, String login, String emailSha256, String ts) {
        String platform = actor.substring(0, actor.indexOf(':'));
        CommunityAction action = new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                new ActionContext(platform, "comment", null, null, null, null, null, null, null, null, null, null)
                        .withEmailSha256(emailSha256), ts);
        handler.handleRequest(Map.of("detail-type", "community.action", "source", "community-pulse.normalise",
                "detail", Json.mapper().convertValue(action, Map.class)), null);
    }

    /** A {@code crm_id_set} as the admin API puts it on the bus (source {@code community-pulse.admin}). */
    private void setCrmId(String id, String actor, String crmId, String ts) {
        CommunityAction action = new CommunityAction(CommunityAction.EVENT, id, actor, "octocat", CommunityAction.USER,
                ActionContext.admin("github", "crm_id_set", crmId, "ops@example.org", "CRM-OCTO-77 is octocat"), ts);
        handler.handleRequest(Map.of("detail-type", "community.action", "source", "community-pulse.admin",
                "detail", Json.mapper().convertValue(action, Map.class)), null);
    }

    @Test
    void aScanOfTheWholeTableFindsTheErasedPersonNowhereButInTheirMarkers() {
        // the person: github:583231 (octocat), later linked with discord:998877 (octo-discord)
        act("e1", "github:583231", "octocat", "issue_opened", "2026-10-05T09:00:00Z", T1, null, null);
        act("e2", "github:4242", "monalisa", "issue_opened", "2026-10-05T10:00:00Z", T2, null, null);
        act("e3", "github:583231", "octocat", "comment", "2026-10-06T09:00:00Z", T2, "github:4242", null);
        act("e4", "github:4242", "monalisa", "comment", "2026-10-06T10:00:00Z", T1, "github:583231", null);
        act("e5", "github:583231", "octocat", "pr_merged", "2026-10-08T09:00:00Z", null, null, null);
        // a custom source picks its own ids, which may well name the person
        act("talk-by-octocat-2026", "github:583231", "octocat", "kudos_given", "2026-10-08T12:00:00Z", null, null, "github:4242");
        act("e6", "discord:998877", "octo-discord", "message_posted", "2026-10-09T09:00:00Z", null, null, null);
        act("e7", "discord:998877", "octo-discord", "identity_linked", "2026-10-10T09:00:00Z", null, null, "github:@octocat");
        // the maintainers' CRM id, set through the linked identity: personal data, on the profile and the activity
        setCrmId("e8", "discord:998877", "CRM-OCTO-77", "2026-10-11T09:00:00Z");
        assertEquals("CRM-OCTO-77", get(TableKeys.person("github:583231"), TableKeys.PROFILE).get("crm_id").s());
        // a custom source's e-mail hash for the person and for an identity of its own: an email_hash suggestion
        String emailHash = "d".repeat(64);
        actWithEmail("e9", "github:583231", "octocat", emailHash, "2026-10-12T09:00:00Z");
        actWithEmail("e10", "custom:crm-77", "crm-77", emailHash, "2026-10-12T10:00:00Z");
        assertEquals("email_hash", get(TableKeys.SUGGEST, TableKeys.suggestion("custom:crm-77", "github:583231"))
                .get("reason").s());
        // the welcome function's records (its items, as WelcomeStore writes them)
        put(Map.of("pk", "WELCOME#github#github:583231", "sk", "WELCOME", "identity", "github:583231", "login", "octocat",
                "state", "sent", "url", "https://github.com/octo-org/hello-world/issues/1#issuecomment-1"));
        put(Map.of("pk", "WELCOME#PERSON#github:583231", "sk", "WELCOME", "identity", "github:583231", "state", "sent"));
        put(Map.of("pk", "CELEBRATE#first_merge#github:583231", "sk", "CELEBRATE", "identity", "github:583231",
                "login", "octocat", "state", "sent"));
        // November without a point: the 1 December review demotes the Contributor
        assertEquals(1, new TierReview(new DynamoDbContributorStore(TABLE.client(), TABLE.name()),
                new DynamoDbTierReviewStore(TABLE.client(), TABLE.name()), events -> { }, DEMOTING, Duration.ofDays(400))
                .review(YearMonth.of(2026, 11)).demoted());
        assertTrue(traces().size() > 10, "the person is all over the table: " + traces().size());
        Map<String, AttributeValue> opened = TABLE.client().scan(r -> r.tableName(TABLE.name()).filterExpression("action_id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("e1")))).items().get(0);
        assertEquals(opened.get(TableKeys.TTL), get(TableKeys.thread(T1), "THREAD").get(TableKeys.TTL),
                "the thread expires with the activity that opened it, so it is never left where erasure cannot reach");

        Eraser.Report report = new Eraser(TABLE.client(), TABLE.name(), SALT).erase("discord:998877");
        assertNotNull(report);
        assertEquals("github:583231", report.person());

        // later, others act on the person's threads; the normaliser still names the author from the payload
        act("l1", "github:777", "hubot", "comment", "2026-12-03T09:00:00Z", T1, "github:583231", null);
        act("l2", "github:4242", "monalisa", "comment", "2026-12-03T10:00:00Z", T2, "github:4242", null);
        // and the person's own later delivery is dropped
        act("l3", "github:583231", "octocat", "comment", "2026-12-04T09:00:00Z", T2, "github:4242", null);
        // and so is a CRM change made for them afterwards
        setCrmId("l4", "github:583231", "CRM-OCTO-77", "2026-12-04T10:00:00Z");

        assertEquals(List.of(), traces(), "items still naming the erased person");
        assertEquals("custom:crm-77", get(TableKeys.email(SALT, emailHash), "custom:crm-77").get("identity").s(),
                "the other identity's e-mail hash item stays");
        for (Map<String, AttributeValue> marker : scan()) {
            if (marker.get(TableKeys.PK).s().startsWith("ERASED#")) {
                assertEquals(Set.of("pk", "sk", "erased_at"), marker.keySet());
            }
        }
        assertEquals(Set.copyOf(report.markers()), Set.copyOf(scan().stream().map(i -> i.get(TableKeys.PK).s())
                .filter(pk -> pk.startsWith("ERASED#")).toList()));
        // the others and the anonymous timings stay
        assertEquals("github:4242", get(TableKeys.thread(T1), "THREAD").get("first_responder").s());
        assertEquals("2026-10-05T09:00:00Z", get(TableKeys.thread(T1), "THREAD").get("opened_at").s());
        assertEquals("github:4242", get(TableKeys.thread(T2), "THREAD").get("author").s());
        assertEquals("2026-10-06T09:00:00Z", get(TableKeys.thread(T2), "THREAD").get("first_response_at").s());
        assertFalse(get(TableKeys.person("github:4242"), TableKeys.PROFILE).isEmpty());
    }

    private static void put(Map<String, String> item) {
        Map<String, AttributeValue> values = new HashMap<>();
        item.forEach((k, v) -> values.put(k, AttributeValue.fromS(v)));
        TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(values));
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        TABLE.client().scanPaginator(r -> r.tableName(TABLE.name()).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Every item, but the markers, whose keys or values hold one of the person's ids or logins. */
    private static List<String> traces() {
        List<String> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : scan()) {
            String text = item.toString().toLowerCase(Locale.ROOT);
            if (!item.get(TableKeys.PK).s().startsWith("ERASED#") && TRACES.stream().anyMatch(text::contains)) {
                found.add(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s());
            }
        }
        return found;
    }
}
