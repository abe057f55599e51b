package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.MutableClock;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The read API against DynamoDB Local, filled through the real scorer. */
class ApiHandlerIT {
    private static final String TABLE = "api-test";
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = Seed.client(db, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
        Seed.createTable(dynamo, TABLE);
        Seed seed = new Seed(dynamo, TABLE);
        // octocat: 0.6 + 0.1 this week, 0.1 last month; linked to discord:77
        seed.act("a1", "github:583231", "octocat", "pr_merged", "2026-11-18T10:00:00Z");
        seed.act("a2", "github:583231", "octocat", "comment", "2026-11-19T10:00:00Z");
        seed.act("a3", "github:583231", "octocat", "starred", "2026-10-01T10:00:00Z");
        seed.act("a4", "discord:77", "octo", "message_posted", "2026-11-19T11:00:00Z");
        seed.act("a5", "discord:77", "octo", "user", "identity_linked", "2026-11-19T12:00:00Z", null, null, "github:@octocat");
        // hubot: 0.3 + 0.1 this month, earlier week
        seed.act("b1", "github:2", "hubot", "issue_opened", "2026-11-03T10:00:00Z");
        seed.act("b2", "github:2", "hubot", "comment", "2026-11-04T10:00:00Z");
        // monalisa: 0.1 this week
        seed.act("c1", "github:3", "monalisa", "comment", "2026-11-20T10:00:00Z");
        // a bot with many actions: never on any board
        for (int i = 0; i < 5; i++) {
            seed.act("d" + i, "github:4", "dependabot[bot]", "bot", "pr_merged", "2026-11-20T1" + i + ":00:00Z", null, null, null);
        }
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    private static ApiHandler handler(MutableClock clock) {
        return new ApiHandler(new ContributorReader(dynamo, TABLE), clock);
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
        dynamo.putItem(p -> p.tableName(TABLE).item(item));
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
        // a table of its own, so the boards the other tests assert keep their exact contents
        Seed.createTable(dynamo, "api-test-miss");
        ApiHandler handler = new ApiHandler(new ContributorReader(dynamo, "api-test-miss"), new MutableClock(NOW));
        // the README's try-it: GET right after posting, before the scorer has written anything
        APIGatewayProxyResponseEvent before = get(handler, "/contributors/github:9001", null);
        assertEquals(404, before.getStatusCode());
        assertEquals("no-store", before.getHeaders().get("Cache-Control"), "a 404 must not be kept by clients either");
        new Seed(dynamo, "api-test-miss").act("e1", "github:9001", "newcomer", "issue_opened", "2026-11-20T17:59:00Z");
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
        ApiHandler handler = new ApiHandler(new com.communitypulse.shared.config.Env(Map.of("TABLE_NAME", TABLE,
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString())));
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
