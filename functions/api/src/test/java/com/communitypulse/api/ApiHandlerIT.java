package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The read API against DynamoDB Local, on the items the scorer would have written for the actions below (built
 * with testkit's {@link Items}; the figures worked out from the default scoring config: base 0.1, type bonus
 * pr_merged 0.5 and issue_opened 0.2; pr_merged makes a Contributor; bots score 0 and get no tier).
 */
class ApiHandlerIT {
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    });
    /** A table of its own, so the boards the other tests assert keep their exact contents. */
    @RegisterExtension
    static final ContributorTable MISS = new ContributorTable();

    @BeforeAll
    static void seed() {
        DynamoDbClient dynamo = TABLE.client();
        String table = TABLE.name();
        // octocat: pr_merged 0.6 (11-18) + comment 0.1 (11-19) this week, starred 0.1 on 10-01; discord:77 (octo)
        // posted a message 0.1 on 11-19 and was then linked to github:@octocat: its week and month moved in
        Items.person("github:583231").login("octocat").score("0.9").count("pr_merged", 1).count("comment", 1)
                .count("starred", 1).count("message_posted", 1)
                .tally("2026-11", "github", "pr_merged", "0.6", 1).tally("2026-11", "github", "comment", "0.1", 1)
                .tally("2026-10", "github", "starred", "0.1", 1).tally("2026-11", "discord", "message_posted", "0.1", 1)
                .tier("User", "2026-11-18T10:00:00Z", "first action (pr_merged)")
                .tier("Contributor", "2026-11-18T10:00:00Z", "pr_merged")
                .firstSeen("2026-10-01T10:00:00Z").lastActive("2026-11-19T11:00:00Z").identity("discord:77", "octo")
                .week("2026-W47", "0.8", "2026-11-18", "2026-11-19").week("2026-W40", "0.1", "2026-10-01")
                .month("2026-11", "0.8").month("2026-10", "0.1").put(dynamo, table);
        Items.person("discord:77").login("octo").linkedTo("github:583231", "2026-11-19T12:00:00Z").put(dynamo, table);
        // hubot: issue_opened 0.3 + comment 0.1 this month, in an earlier week (W45)
        Items.person("github:2").login("hubot").score("0.4").count("issue_opened", 1).count("comment", 1)
                .tally("2026-11", "github", "issue_opened", "0.3", 1).tally("2026-11", "github", "comment", "0.1", 1)
                .tier("User", "2026-11-03T10:00:00Z", "first action (issue_opened)")
                .firstSeen("2026-11-03T10:00:00Z").lastActive("2026-11-04T10:00:00Z")
                .week("2026-W45", "0.4", "2026-11-03", "2026-11-04").month("2026-11", "0.4").put(dynamo, table);
        // monalisa: a comment 0.1 this week
        Items.person("github:3").login("monalisa").score("0.1").count("comment", 1)
                .tally("2026-11", "github", "comment", "0.1", 1).tier("User", "2026-11-20T10:00:00Z", "first action (comment)")
                .firstSeen("2026-11-20T10:00:00Z").lastActive("2026-11-20T10:00:00Z")
                .week("2026-W47", "0.1", "2026-11-20").month("2026-11", "0.1").put(dynamo, table);
        // a bot with five merges: counted, never scored, on no board
        Items.person("github:4").login("dependabot[bot]").bot().count("pr_merged", 5)
                .firstSeen("2026-11-20T10:00:00Z").lastActive("2026-11-20T14:00:00Z").week("2026-W47", "0", "2026-11-20")
                .put(dynamo, table);
    }

    private static ApiHandler handler(MutableClock clock) {
        return new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), clock);
    }

    private static APIGatewayProxyResponseEvent get(ApiHandler handler, String path, Map<String, String> query) {
        APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path)
                .withQueryStringParameters(query);
        if (path.startsWith("/contributors/")) {
            request.withResource("/contributors/{id}").withPathParameters(Map.of("id", path.substring(14)));
        } else {
            request.withResource(path);
        }
        return handler.handleRequest(request, null);
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void contributorByAnyIdentity() throws Exception {
        ApiHandler handler = handler(new MutableClock(NOW));
        for (String id : List.of("github:583231", "discord:77", "github:@OctoCat", "github%3A583231")) {
            APIGatewayProxyResponseEvent response = get(handler, "/contributors/" + id, null);
            assertEquals(200, response.getStatusCode(), id + " " + response.getBody());
            assertEquals("max-age=5", response.getHeaders().get("Cache-Control"));
            assertEquals("application/json", response.getHeaders().get("Content-Type"));
            JsonNode body = json(response);
            assertEquals("github:583231", body.path("id").asText());
            assertEquals("octocat", body.path("login").asText());
            assertEquals("github", body.path("platform").asText());
            assertEquals(0.9, body.path("score").asDouble(), 1e-9);
            assertEquals("2026-W47", body.path("week").asText());
            assertEquals(0.8, body.path("week_score").asDouble(), 1e-9, "0.6 + 0.1 + discord:77's 0.1 of this week, moved in by the link");
            assertEquals(1, body.path("counts").path("pr_merged").asInt());
            assertEquals(1, body.path("counts").path("message_posted").asInt());
            assertEquals("Contributor", body.path("tier").asText());
            assertEquals("User", body.path("tier_history").get(0).path("tier").asText());
            assertEquals("Contributor", body.path("tier_history").get(1).path("tier").asText());
            assertEquals("2026-10-01T10:00:00Z", body.path("first_seen").asText());
            assertEquals("2026-11-19T11:00:00Z", body.path("last_active").asText());
            assertEquals(List.of("discord:77", "github:583231"), strings(body.path("identities")));
            assertEquals(List.of("discord", "github"), strings(body.path("platforms")));
            assertFalse(body.path("welcomed").asBoolean());
        }
    }

    @Test
    void unknownAndMalformedContributors() throws Exception {
        ApiHandler handler = handler(new MutableClock(NOW));
        var missing = get(handler, "/contributors/github:999999", null);
        assertEquals(404, missing.getStatusCode());
        assertEquals("no contributor github:999999", json(missing).path("error").asText());
        assertEquals(404, get(handler, "/contributors/github:@nobody", null).getStatusCode());
        for (String bad : List.of("583231", "GitHub:1", "github:", "github:@", "github:a%ZZb")) {
            var response = get(handler, "/contributors/" + bad, null);
            assertEquals(400, response.getStatusCode(), bad);
            assertTrue(json(response).path("error").asText().startsWith("contributor id must be"), bad);
        }
        var post = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/leaderboard")
                .withResource("/leaderboard"), null);
        assertEquals(405, post.getStatusCode());
        assertEquals(404, get(handler, "/nowhere", null).getStatusCode());
    }

    @Test
    void backfillsAreListedWithTheirProgressInOneQuery() throws Exception {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>();
        java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> s =
                software.amazon.awssdk.services.dynamodb.model.AttributeValue::fromS;
        java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> n =
                software.amazon.awssdk.services.dynamodb.model.AttributeValue::fromN;
        item.put("pk", s.apply(com.communitypulse.shared.store.TableKeys.BACKFILL));
        item.put("sk", s.apply(com.communitypulse.shared.store.TableKeys.backfillState("github", "octo-org/hello-world")));
        item.put("platform", s.apply("github"));
        item.put("source", s.apply("octo-org/hello-world"));
        item.put("status", s.apply("running"));
        item.put("phase", s.apply("comments"));
        item.put("page", s.apply("/repos/octo-org/hello-world/issues/comments?per_page=100"));
        item.put("items_fetched", n.apply("4200"));
        item.put("events_published", n.apply("4650"));
        item.put("pages", n.apply("42"));
        item.put("requests", n.apply("44"));
        item.put("rate_remaining", n.apply("4956"));
        item.put("phase_pages_left", n.apply("10"));
        item.put("busy_seconds", n.apply("21"));
        item.put("started_at", s.apply("2026-11-20T10:00:00Z"));
        TABLE.client().putItem(p -> p.tableName(TABLE.name()).item(item));
        int queries = CALLS.computeIfAbsent("Query", k -> new AtomicInteger()).get();
        var response = get(handler(new MutableClock(NOW)), "/backfill", null);
        assertEquals(200, response.getStatusCode());
        JsonNode listed = json(response).path("items");
        assertEquals(1, listed.size(), listed.toString());
        JsonNode one = listed.get(0);
        assertEquals("octo-org/hello-world", one.path("repository").asText());
        assertEquals("running", one.path("status").asText());
        assertEquals(4200, one.path("items_fetched").asInt());
        assertEquals(4956, one.path("rate_remaining").asInt());
        assertEquals("/repos/octo-org/hello-world/issues/comments?per_page=100", one.path("position").path("page").asText());
        assertEquals(5, one.path("estimate_seconds_left_in_phase").asInt(), "10 pages at 0.5 s a page");
        assertTrue(one.path("last_error").isNull());
        assertEquals(queries + 1, CALLS.get("Query").get(), "one Query, never a Scan");
    }

    @Test
    void botsAreShownAsBotsButNeverTiered() throws Exception {
        JsonNode bot = json(get(handler(new MutableClock(NOW)), "/contributors/github:4", null));
        assertEquals("bot", bot.path("kind").asText());
        assertEquals(0, bot.path("score").asDouble());
        assertTrue(bot.path("tier").isNull());
        assertEquals(5, bot.path("counts").path("pr_merged").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "all   | github:583231=0.9,github:2=0.4,github:3=0.1",
            "month | github:583231=0.8,github:2=0.4,github:3=0.1",
            "week  | github:583231=0.8,github:3=0.1"})
    void leaderboardsHighestFirstWithoutBots(String period, String expected) throws Exception {
        JsonNode body = json(get(handler(new MutableClock(NOW)), "/leaderboard", Map.of("period", period, "limit", "100")));
        List<String> got = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            got.add(item.path("id").asText() + "=" + item.path("score").decimalValue().stripTrailingZeros().toPlainString());
            assertNotNull(item.get("login"));
            assertNotNull(item.get("tier"));
        }
        assertEquals(List.of(expected.split(",")), got);
        assertTrue(body.path("next").isNull());
    }

    @Test
    void leaderboardPagesWithAnOpaqueCursor() throws Exception {
        ApiHandler handler = handler(new MutableClock(NOW));
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("period", "all", "limit", "1"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var response = get(handler, "/leaderboard", query);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode body = json(response);
            body.path("items").forEach(item -> ids.add(item.path("id").asText()));
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of("github:583231", "github:2", "github:3"), ids);
    }

    @Test
    void leaderboardIsAQueryOnTheIndexNeverAScan() {
        CALLS.clear();
        get(handler(new MutableClock(NOW)), "/leaderboard", Map.of("period", "week", "limit", "5"));
        assertEquals(Map.of("Query", 1), snapshot());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "limit  | 0       | limit must be a whole number from 1 to 100",
            "limit  | 101     | limit must be a whole number from 1 to 100",
            "limit  | ten     | limit must be a whole number from 1 to 100",
            "period | year    | period must be week, month or all",
            "cursor | !!!     | cursor is not one this API returned",
            "cursor | e30     | cursor is not one this API returned"})
    void badLeaderboardParametersAre400(String name, String value, String message) throws Exception {
        var response = get(handler(new MutableClock(NOW)), "/leaderboard", Map.of(name, value));
        assertEquals(400, response.getStatusCode());
        assertEquals(message, json(response).path("error").asText());
    }

    @Test
    void aCursorFromAnotherPeriodIs400() throws Exception {
        ApiHandler handler = handler(new MutableClock(NOW));
        String next = json(get(handler, "/leaderboard", Map.of("period", "week", "limit", "1"))).path("next").asText();
        var response = get(handler, "/leaderboard", Map.of("period", "all", "limit", "1", "cursor", next));
        assertEquals(400, response.getStatusCode());
        assertEquals("cursor belongs to another period", json(response).path("error").asText());
    }

    @Test
    void hitsAreCachedForFiveSeconds() {
        MutableClock clock = new MutableClock(NOW);
        ApiHandler handler = handler(clock);
        CALLS.clear();
        get(handler, "/contributors/github:3", null);
        Map<String, Integer> first = snapshot();
        assertEquals(Map.of("GetItem", 2), first, "profile and this week's item");
        get(handler, "/contributors/github:3", null);
        clock.advance(Duration.ofSeconds(4));
        get(handler, "/contributors/github:3", null);
        assertEquals(first, snapshot(), "served from memory");
        clock.advance(Duration.ofSeconds(2));
        get(handler, "/contributors/github:3", null);
        assertEquals(Map.of("GetItem", 4), snapshot());
    }

    @Test
    void aMissIsNeverCachedSoAContributorShowsAsSoonAsTheFirstActionIsScored() {
        ApiHandler handler = new ApiHandler(new ContributorReader(MISS.client(), MISS.name()), new MutableClock(NOW));
        // the README's try-it: GET right after posting, before the scorer has written anything
        APIGatewayProxyResponseEvent before = get(handler, "/contributors/github:9001", null);
        assertEquals(404, before.getStatusCode());
        assertEquals("no-store", before.getHeaders().get("Cache-Control"), "a 404 must not be kept by clients either");
        // then the scorer records the first action: an issue_opened, 0.3
        Items.person("github:9001").login("newcomer").score("0.3").count("issue_opened", 1)
                .tally("2026-11", "github", "issue_opened", "0.3", 1)
                .tier("User", "2026-11-20T17:59:00Z", "first action (issue_opened)")
                .firstSeen("2026-11-20T17:59:00Z").lastActive("2026-11-20T17:59:00Z")
                .week("2026-W47", "0.3", "2026-11-20").month("2026-11", "0.3").put(MISS.client(), MISS.name());
        APIGatewayProxyResponseEvent after = get(handler, "/contributors/github:9001", null);
        assertEquals(200, after.getStatusCode(), "the 404 was served again from memory: " + after.getBody());
    }

    @Test
    void sampleEventsAnswer() throws Exception {
        ApiHandler handler = handler(new MutableClock(NOW));
        for (String name : List.of("api-contributor.json", "api-leaderboard.json")) {
            var request = Json.mapper().readValue(Files.readString(Path.of("../../events").resolve(name)),
                    APIGatewayProxyRequestEvent.class);
            var response = handler.handleRequest(request, null);
            assertEquals(200, response.getStatusCode(), name + " " + response.getBody());
        }
    }

    @Test
    void theEnvironmentConstructorReadsTheConfiguredTable() throws Exception {
        ApiHandler handler = new ApiHandler(new com.communitypulse.shared.config.Env(TABLE.env()));
        var response = get(handler, "/contributors/github:2", null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("hubot", json(response).path("login").asText());
    }

    private static Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new HashMap<>();
        CALLS.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
