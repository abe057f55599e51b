package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static com.communitypulse.score.domain.Actions.inThread;
import static com.communitypulse.score.domain.Actions.link;
import static com.communitypulse.score.domain.Actions.withAssociation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.events.PublishException;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Scoring against the real engine (DynamoDB Local) with the template's table definition. */
class DynamoScoringIT {
    private static final CountingInterceptor COUNTER = new CountingInterceptor();
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(COUNTER);

    private record Fixture(ScoringService service, RecordingPublisher bus) {
    }

    private static Fixture fixture() {
        return fixture(ScoringConfig.defaults());
    }

    private static Fixture fixture(ScoringConfig config) {
        RecordingPublisher bus = new RecordingPublisher();
        return new Fixture(new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(config), Duration.ofDays(400)), bus);
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        var response = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static Map<String, AttributeValue> profile(String id) {
        return item(TableKeys.person(id), TableKeys.PROFILE);
    }

    private static BigDecimal n(Map<String, AttributeValue> item, String name) {
        return new BigDecimal(item.get(name).n());
    }

    @Test
    void concurrentScoringOfOneActorAddsUpExactly() throws Exception {
        Fixture f = fixture();
        String actor = "github:1001";
        // 16 x 25 passes too (about 45 s on a busy 2-core box); 16 x 10 keeps the module's run short
        int threads = 16;
        int perThread = Integer.getInteger("score.concurrency.perThread", 10);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ScoringService.Result>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                String type = i == 0 ? "pr_merged" : "comment";
                String ts = Instant.parse("2026-11-16T08:00:00Z").plusSeconds(t * 1000L + i).toString();
                CommunityAction a = action("c-" + t + "-" + i, actor, "busy", type, ts);
                results.add(pool.submit((Callable<ScoringService.Result>) () -> f.service().handle(a)));
            }
        }
        int attempts = 0;
        for (Future<ScoringService.Result> r : results) {
            assertTrue(r.get().recorded());
            attempts += r.get().attempts();
        }
        pool.shutdown();
        Map<String, AttributeValue> p = profile(actor);
        // 16 x 0.6 + 16 x (perThread - 1) x 0.1, exactly (DynamoDB numbers are decimal)
        BigDecimal expected = new BigDecimal("0.6").multiply(BigDecimal.valueOf(threads))
                .add(new BigDecimal("0.1").multiply(BigDecimal.valueOf((long) threads * (perThread - 1))));
        assertEquals(0, expected.compareTo(n(p, "score")), p.get("score").n());
        assertEquals(0, expected.compareTo(n(p, "lb_score")));
        assertEquals("16", p.get("c_pr_merged").n());
        assertEquals(Integer.toString(threads * (perThread - 1)), p.get("c_comment").n());
        assertEquals(Integer.toString(threads * perThread), p.get("version").n());
        assertEquals("2026-11-16T08:00:00Z", p.get("first_seen").s());
        assertEquals(Instant.parse("2026-11-16T08:00:00Z").plusSeconds(15 * 1000L + perThread - 1).toString(),
                p.get("last_active").s());
        assertEquals("Contributor", p.get("tier").s());
        assertEquals(0, expected.compareTo(n(item(TableKeys.person(actor), "WEEK#2026-W47"), "score")));
        assertEquals(0, expected.compareTo(n(item(TableKeys.person(actor), "MONTH#2026-11"), "score")));
        assertEquals(1, f.bus().ofType(Sources.FIRST_CONTRIBUTION).size(), "first contribution decided once");
        assertEquals(1, f.bus().ofType(Sources.TIER_CHANGED).size(), "tier change decided once");
        System.out.printf("concurrency: %d actions in %d attempts (%.2f per action)%n", results.size(), attempts,
                attempts / (double) results.size());
    }

    @Test
    void theSameActionDeliveredFiveTimesCountsOnce() throws Exception {
        Fixture f = fixture();
        CommunityAction a = action("dup-1", "github:1002", "twice", "pr_merged", "2026-11-20T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<ScoringService.Result>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(pool.submit(() -> f.service().handle(a)));
        }
        int recorded = 0;
        for (var r : results) {
            recorded += r.get().recorded() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, recorded);
        Map<String, AttributeValue> p = profile("github:1002");
        assertEquals(0, new BigDecimal("0.6").compareTo(n(p, "score")));
        assertEquals("1", p.get("c_pr_merged").n());
        assertEquals("1", p.get("version").n());
        // events are at least once: a redelivery racing the first publish may publish again, never less
        assertTrue(f.bus().ofType(Sources.FIRST_CONTRIBUTION).size() >= 1);
        for (var e : f.bus().ofType(Sources.FIRST_CONTRIBUTION)) {
            assertEquals("github:1002", Json.mapper().readTree(e.detail()).path("person").asText());
        }
        // sequential redeliveries after the flag is set publish nothing more
        int before = f.bus().events().size();
        for (int i = 0; i < 5; i++) {
            assertFalse(f.service().handle(a).recorded());
        }
        assertEquals(before, f.bus().events().size());
        assertEquals(0, new BigDecimal("0.6").compareTo(n(profile("github:1002"), "score")));
    }

    @Test
    void tierChangesEmitExactlyOneEventEach() throws Exception {
        Fixture f = fixture();
        String actor = "github:1003";
        f.service().handle(action("t-1", actor, "climber", "comment", "2026-11-20T10:00:00Z"));
        assertEquals(0, f.bus().ofType(Sources.TIER_CHANGED).size(), "a new person starts as User without an event");
        f.service().handle(action("t-2", actor, "climber", "pr_merged", "2026-11-20T11:00:00Z"));
        f.service().handle(action("t-3", actor, "climber", "pr_merged", "2026-11-20T12:00:00Z"));
        CommunityAction member = withAssociation(action("t-4", actor, "climber", "comment", "2026-11-20T13:00:00Z"), "MEMBER");
        f.service().handle(member);
        f.service().handle(member);
        f.service().handle(action("t-5", actor, "climber", "docs_edited", "2026-11-20T14:00:00Z"));

        var events = f.bus().ofType(Sources.TIER_CHANGED);
        assertEquals(2, events.size());
        JsonNode first = Json.mapper().readTree(events.get(0).detail());
        assertEquals("User", first.path("from").asText());
        assertEquals("Contributor", first.path("to").asText());
        assertEquals("pr_merged", first.path("reason").asText());
        assertEquals("2026-11-20T11:00:00Z", first.path("at").asText());
        assertEquals("climber", first.path("login").asText());
        assertEquals(actor, first.path("person").asText());
        JsonNode second = Json.mapper().readTree(events.get(1).detail());
        assertEquals("Maintainer", second.path("to").asText());
        assertEquals("github author_association MEMBER", second.path("reason").asText());

        Map<String, AttributeValue> p = profile(actor);
        assertEquals("Maintainer", p.get("tier").s(), "docs_edited never lowers a tier");
        List<String> history = p.get("tier_history").l().stream().map(s -> s.m().get("tier").s()).toList();
        assertEquals(List.of("User", "Contributor", "Maintainer"), history);
        var tierItem = item("DAY#2026-11-20", "2026-11-20T11:00:00Z#t-2.tier");
        assertEquals("tier_changed", tierItem.get("type").s());
        assertEquals("User", tierItem.get("from_tier").s());
        assertEquals("Contributor", tierItem.get("to_tier").s());
    }

    @Test
    void botsAreRecordedButNeverScoredTieredRankedOrAnnounced() {
        Fixture f = fixture();
        f.service().handle(bot("b-1", "github:1004", "ci-runner", "pr_merged", "2026-11-20T10:00:00Z"));
        f.service().handle(action("b-2", "github:1005", "renovate[bot]", "comment", "2026-11-20T10:05:00Z"));
        assertTrue(f.bus().events().isEmpty(), "no first contribution, tier or high impact events for bots");
        for (String id : List.of("github:1004", "github:1005")) {
            Map<String, AttributeValue> p = profile(id);
            assertEquals("bot", p.get("kind").s());
            assertEquals(0, BigDecimal.ZERO.compareTo(n(p, "score")));
            assertNull(p.get("tier"));
            assertNull(p.get("lb_pk"));
            assertNull(p.get("lb_score"));
            assertNull(item(TableKeys.person(id), "MONTH#2026-11"));
            assertNull(item(TableKeys.person(id), "WEEK#2026-W47").get("lb_pk"));
        }
        var activity = item("DAY#2026-11-20", "2026-11-20T10:00:00Z#b-1");
        assertEquals("bot", activity.get("kind").s());
        assertEquals("0", activity.get("impact").n());
        assertFalse(activity.get("first").bool());
        var board = TABLE.client().query(r -> r.tableName(TABLE.name()).indexName(TableKeys.LEADERBOARD_INDEX)
                .keyConditionExpression("lb_pk = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS("LB#ALL"))));
        assertTrue(board.items().stream().noneMatch(i -> i.get("id").s().equals("github:1004") || i.get("id").s().equals("github:1005")));
    }

    @Test
    void activityItemsCarryTheDocumentedAttributesAndTtl() {
        Fixture f = fixture();
        CommunityAction a = inThread(action("ttl-1", "github:1006", "ttl", "issue_opened", "2026-11-20T10:00:00Z"),
                "github:octo-org/hello-world#99", null);
        f.service().handle(a);
        var activity = item("DAY#2026-11-20", "2026-11-20T10:00:00Z#ttl-1");
        long expected = Instant.parse("2026-11-20T10:00:00Z").plus(Duration.ofDays(400)).getEpochSecond();
        assertEquals(Long.toString(expected), activity.get("expires_at").n());
        assertEquals("github:1006", activity.get("person").s());
        assertEquals("github:1006", activity.get("actor").s());
        assertEquals("issue_opened", activity.get("type").s());
        assertEquals("0.3", activity.get("impact").n());
        assertTrue(activity.get("first").bool());
        assertEquals("github:octo-org/hello-world#99", activity.get("thread").s());
        assertFalse(activity.get("events_published").bool() && activity.containsKey("events"));
        assertTrue(activity.get("events_published").bool(), "first contribution published, flag set");
        assertEquals(Set.of("2026-11-20"), Set.copyOf(item(TableKeys.person("github:1006"), "WEEK#2026-W47").get("days").ss()));
        assertEquals("github:1006", item("LOGIN#github#ttl", "LOGIN").get("identity").s());
    }

    @Test
    void eventsThatFailedToPublishArePublishedOnRedelivery() throws Exception {
        Fixture f = fixture();
        CommunityAction a = action("pub-1", "github:1007", "unlucky", "pr_merged", "2026-11-20T10:00:00Z");
        f.bus().failNext(1);
        assertThrows(PublishException.class, () -> f.service().handle(a));
        var activity = item("DAY#2026-11-20", "2026-11-20T10:00:00Z#pub-1");
        assertFalse(activity.get("events_published").bool());
        assertTrue(f.bus().events().isEmpty());

        assertFalse(f.service().handle(a).recorded(), "the redelivery finds the action recorded");
        assertEquals(1, f.bus().ofType(Sources.FIRST_CONTRIBUTION).size());
        assertEquals(1, f.bus().ofType(Sources.TIER_CHANGED).size());
        JsonNode detail = Json.mapper().readTree(f.bus().ofType(Sources.FIRST_CONTRIBUTION).get(0).detail());
        assertEquals(Set.of("person", "identity", "login", "platform", "kind", "action"), fieldNames(detail));
        assertEquals(0.6, detail.path("action").path("context").path("impact_score").asDouble());
        assertEquals("github", detail.path("platform").asText());
        assertTrue(item("DAY#2026-11-20", "2026-11-20T10:00:00Z#pub-1").get("events_published").bool());
        assertNull(item("DAY#2026-11-20", "2026-11-20T10:00:00Z#pub-1").get("events"));

        f.service().handle(a);
        assertEquals(2, f.bus().events().size(), "once confirmed, nothing is published again");
        assertEquals(0, new BigDecimal("0.6").compareTo(n(profile("github:1007"), "score")));
    }

    @Test
    void highImpactActionsAreAnnounced() throws Exception {
        Fixture f = fixture(ScoringConfig.parse("{\"type_bonus\": {\"pr_merged\": 0.8}}"));
        f.service().handle(action("hi-1", "github:1008", "star", "pr_merged", "2026-11-20T10:00:00Z"));
        var high = f.bus().ofType(Sources.HIGH_IMPACT);
        assertEquals(1, high.size());
        JsonNode detail = Json.mapper().readTree(high.get(0).detail());
        assertEquals(Set.of("person", "login", "action"), fieldNames(detail));
        assertEquals(0.9, detail.path("action").path("context").path("impact_score").asDouble());
    }

    @Test
    void linkedIdentitiesAddUpInOnePerson() throws Exception {
        Fixture f = fixture();
        f.service().handle(action("l-1", "github:1009", "octolink", "pr_merged", "2026-11-17T10:00:00Z"));
        f.service().handle(action("l-2", "discord:77", "octo#1", "message_posted", "2026-11-18T10:00:00Z"));
        assertEquals(2, f.bus().ofType(Sources.FIRST_CONTRIBUTION).size());

        var result = f.service().handle(link("l-3", "discord:77", "octo#1", "github:@OctoLink", "2026-11-19T10:00:00Z"));
        assertEquals("linked to github:1009", result.note());
        Map<String, AttributeValue> person = profile("github:1009");
        assertEquals(0, new BigDecimal("0.7").compareTo(n(person, "score")), "the secondary's score is added when linked");
        assertEquals(Set.of("github:1009", "discord:77"), Set.copyOf(person.get("identities").ss()));
        assertEquals(Set.of("github", "discord"), Set.copyOf(person.get("platforms").ss()));
        assertEquals("1", person.get("c_message_posted").n());
        assertEquals("octolink", person.get("login").s());
        assertEquals("2026-11-17T10:00:00Z", person.get("first_seen").s());
        assertEquals("2026-11-18T10:00:00Z", person.get("last_active").s());
        assertEquals("github:1009", profile("discord:77").get("linked_to").s());
        assertNull(profile("discord:77").get("lb_pk"), "the secondary leaves the all-time leaderboard");
        assertNull(item(TableKeys.person("discord:77"), "WEEK#2026-W47"), "this week's item moved to the person");
        assertNull(item(TableKeys.person("discord:77"), "MONTH#2026-11"));
        var week = item(TableKeys.person("github:1009"), "WEEK#2026-W47");
        assertEquals(0, new BigDecimal("0.7").compareTo(n(week, "lb_score")));
        assertEquals(Set.of("2026-11-17", "2026-11-18", "2026-11-19"), Set.copyOf(week.get("days").ss()));
        assertEquals(0, new BigDecimal("0.7").compareTo(n(item(TableKeys.person("github:1009"), "MONTH#2026-11"), "lb_score")));

        f.service().handle(action("l-4", "discord:77", "octo#1", "message_posted", "2026-11-20T10:00:00Z"));
        person = profile("github:1009");
        assertEquals(0, new BigDecimal("0.8").compareTo(n(person, "score")));
        assertEquals("octolink", person.get("login").s(), "a linked identity never renames the person");
        assertEquals("2", person.get("c_message_posted").n());
        assertEquals(2, f.bus().ofType(Sources.FIRST_CONTRIBUTION).size(), "discord:77 had acted before");
        assertEquals("github:1009", item("DAY#2026-11-20", "2026-11-20T10:00:00Z#l-4").get("person").s());

        var again = f.service().handle(link("l-5", "discord:77", "octo#1", "github:1009", "2026-11-21T10:00:00Z"));
        assertEquals("already linked to github:1009", again.note());
        var unknown = f.service().handle(link("l-6", "slack:U1", "octo", "github:@nobody", "2026-11-21T10:00:00Z"));
        assertEquals("refused: login github:@nobody not seen yet", unknown.note());
        assertNull(profile("slack:U1"));
        var toNewcomer = f.service().handle(link("l-8", "slack:U8", "eight", "github:8888", "2026-11-21T10:00:00Z"));
        assertEquals("linked to github:8888", toNewcomer.note());
        assertNull(profile("github:8888").get("lb_pk"), "nobody has scored yet: no leaderboard entry");
        assertEquals("github:8888", profile("slack:U8").get("linked_to").s());
        var bad = f.service().handle(link("l-7", "slack:U1", "octo", "octocat", "2026-11-21T10:00:00Z"));
        assertTrue(bad.note().startsWith("refused: context.target must be"), bad.note());
    }

    @Test
    void aLinkedIdentitysFirstActionOnItsPlatformIsAFirstContribution() {
        Fixture f = fixture();
        f.service().handle(action("n-1", "github:1010", "primary", "comment", "2026-11-17T10:00:00Z"));
        f.service().handle(link("n-2", "slack:U1010", "prim", "github:1010", "2026-11-18T10:00:00Z"));
        f.service().handle(action("n-3", "slack:U1010", "prim", "message_posted", "2026-11-19T10:00:00Z"));
        var firsts = f.bus().ofType(Sources.FIRST_CONTRIBUTION);
        assertEquals(2, firsts.size());
        assertTrue(firsts.get(1).detail().contains("\"identity\":\"slack:U1010\""), firsts.get(1).detail());
        assertTrue(firsts.get(1).detail().contains("\"person\":\"github:1010\""), firsts.get(1).detail());
        assertFalse(item("DAY#2026-11-19", "2026-11-19T10:00:00Z#n-3").get("first").bool(),
                "not the person's first action ever");
    }

    @Test
    void threadsRecordTheFirstResponseBySomeoneElseWhoIsNotABot() {
        Fixture f = fixture();
        String thread = "github:octo-org/hello-world#7";
        f.service().handle(inThread(action("th-1", "github:2001", "author", "issue_opened", "2026-11-20T10:00:00Z"), thread, null));
        f.service().handle(inThread(action("th-2", "github:2001", "author", "comment", "2026-11-20T10:05:00Z"), thread, "github:2001"));
        f.service().handle(inThread(bot("th-3", "github:2002", "ci[bot]", "comment", "2026-11-20T10:06:00Z"), thread, "github:2001"));
        var item = item(TableKeys.thread(thread), "THREAD");
        assertEquals("2026-11-20T10:00:00Z", item.get("opened_at").s());
        assertEquals("github:2001", item.get("author").s());
        assertNull(item.get("first_response_at"));
        f.service().handle(inThread(action("th-4", "github:2003", "helper", "comment", "2026-11-20T11:00:00Z"), thread, "github:2001"));
        f.service().handle(inThread(action("th-5", "github:2004", "late", "reply_given", "2026-11-20T12:00:00Z"), thread, "github:2001"));
        item = item(TableKeys.thread(thread), "THREAD");
        assertEquals("2026-11-20T11:00:00Z", item.get("first_response_at").s());
        assertEquals("github:2003", item.get("first_responder").s());
    }

    @Test
    void requestsPerScoredAction() {
        Fixture f = fixture();
        f.service().handle(action("r-0", "github:3001", "counted", "comment", "2026-11-20T10:00:00Z"));
        COUNTER.snapshotAndReset();
        f.service().handle(action("r-1", "github:3001", "counted", "comment", "2026-11-20T10:01:00Z"));
        Map<String, Integer> normal = COUNTER.snapshotAndReset();
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), normal);

        f.service().handle(action("r-2", "github:3002", "newcomer", "comment", "2026-11-20T10:02:00Z"));
        Map<String, Integer> withEvents = COUNTER.snapshotAndReset();
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1), withEvents);

        f.service().handle(action("r-1", "github:3001", "counted", "comment", "2026-11-20T10:01:00Z"));
        Map<String, Integer> redelivery = COUNTER.snapshotAndReset();
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), redelivery);

        f.service().handle(link("r-3", "discord:3003", "c", "github:3001", "2026-11-20T10:03:00Z"));
        COUNTER.snapshotAndReset();
        f.service().handle(action("r-4", "discord:3003", "c", "message_posted", "2026-11-20T10:04:00Z"));
        Map<String, Integer> linked = COUNTER.snapshotAndReset();
        assertEquals(Map.of("GetItem", 3, "TransactWriteItems", 1, "UpdateItem", 1), linked,
                "first message of the linked identity: two more GetItems (the person, its own records), plus the events flag");
        System.out.println("requests per action: normal " + normal + ", with events " + withEvents
                + ", redelivery " + redelivery + ", linked identity " + linked);
    }

    @Test
    void invalidActionsAreRejectedWithAClearMessageAndWriteNothing() {
        Fixture f = fixture();
        var noTime = new CommunityAction("community.action", "bad-1", "github:4001", "x", "user",
                action("bad-1", "github:4001", "x", "comment", "2026-11-20T10:00:00Z").context(), null);
        var e = assertThrows(ScoringService.InvalidActionException.class, () -> f.service().handle(noTime));
        assertEquals("invalid community.action: timestamp is missing", e.getMessage());
        var badType = action("bad-2", "github:4001", "x", "Comment Posted", "2026-11-20T10:00:00Z");
        assertTrue(assertThrows(ScoringService.InvalidActionException.class, () -> f.service().handle(badType))
                .getMessage().contains("context.type must match"));
        var badActor = action("bad-3", "github:4001", "x", "comment", "2026-11-20T10:00:00Z");
        var loginActor = new CommunityAction("community.action", "bad-3", "github:@x", "x", "user", badActor.context(),
                "2026-11-20T10:00:00Z");
        assertTrue(assertThrows(ScoringService.InvalidActionException.class, () -> f.service().handle(loginActor))
                .getMessage().contains("actor must be platform:id"));
        var badTime = new CommunityAction("community.action", "bad-4", "github:4001", "x", "user", badActor.context(),
                "yesterday");
        assertTrue(assertThrows(ScoringService.InvalidActionException.class, () -> f.service().handle(badTime))
                .getMessage().contains("timestamp must be ISO-8601"));
        assertNull(profile("github:4001"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
