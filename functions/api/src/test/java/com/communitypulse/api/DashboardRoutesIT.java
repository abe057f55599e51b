package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard's routes: the page and its files, /health, /contributors/{id}/activity, page=N and public mode, on
 * the items the scorer would have written for the actions below (testkit's {@link Items}; comment 0.1,
 * issue_opened 0.3, pr_merged 0.6 and a Contributor, a bot's comment 0).
 */
class DashboardRoutesIT {
    /** Wednesday of 2026-W48; last week is 2026-W47 (16 to 22 November). */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String T1 = "github:octo-org/hello-world#1";
    private static final String REPO = "octo-org/hello-world";
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @BeforeAll
    static void seed() {
        DynamoDbClient dynamo = TABLE.client();
        String table = TABLE.name();
        // 2026-W45: bob's first action (scored first: `first` is decided in arrival order)
        Items.activity("a0", "2026-11-03T10:00:00Z").by("github:2", "bob").type("comment").repo(REPO).impact("0.1").first()
                .put(dynamo, table);
        // 2026-W47: ada opens an issue (first ever), bob answers after 3h, bob merges a PR; a bot comments
        Items.activity("a1", "2026-11-17T09:00:00Z").by("github:1", "ada").type("issue_opened").repo(REPO).impact("0.3")
                .first().thread(T1).put(dynamo, table);
        Items.activity("a2", "2026-11-17T12:00:00Z").by("github:2", "bob").type("comment").repo(REPO).impact("0.1")
                .thread(T1).put(dynamo, table);
        Items.thread(T1).repo(REPO).opened("2026-11-17T09:00:00Z", "github:1", "ada")
                .firstResponse("2026-11-17T12:00:00Z", "github:2").put(dynamo, table);
        Items.activity("a3", "2026-11-18T10:00:00Z").by("github:2", "bob").type("pr_merged").repo(REPO).impact("0.6")
                .put(dynamo, table);
        Items.tierChange("a3", "2026-11-18T10:00:00Z", "User", "Contributor", "pr_merged").by("github:2", "bob")
                .put(dynamo, table);
        Items.activity("a4", "2026-11-18T11:00:00Z").by("github:9", "dependabot[bot]").bot().type("comment").repo(REPO)
                .put(dynamo, table);

        Items.person("github:2").login("bob").score("0.8").count("comment", 2).count("pr_merged", 1)
                .tally("2026-11", "github", "comment", "0.1", 2).tally("2026-11", "github", "pr_merged", "0.6", 1)
                .tier("User", "2026-11-03T10:00:00Z", "first action (comment)")
                .tier("Contributor", "2026-11-18T10:00:00Z", "pr_merged")
                .firstSeen("2026-11-03T10:00:00Z").lastActive("2026-11-18T10:00:00Z")
                .week("2026-W45", "0.1", "2026-11-03").tierIn("2026-W45", "User")
                .week("2026-W47", "0.7", "2026-11-17", "2026-11-18").month("2026-11", "0.8").put(dynamo, table);
        Items.person("github:1").login("ada").score("0.3").count("issue_opened", 1)
                .tally("2026-11", "github", "issue_opened", "0.3", 1)
                .tier("User", "2026-11-17T09:00:00Z", "first action (issue_opened)")
                .firstSeen("2026-11-17T09:00:00Z").lastActive("2026-11-17T09:00:00Z")
                .week("2026-W47", "0.3", "2026-11-17").month("2026-11", "0.3").put(dynamo, table);
        Items.person("github:9").login("dependabot[bot]").bot().count("comment", 1)
                .firstSeen("2026-11-18T11:00:00Z").lastActive("2026-11-18T11:00:00Z").week("2026-W47", "0", "2026-11-18")
                .put(dynamo, table);
    }

    private static ApiHandler handler(boolean publicMode) {
        return new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), ScoringConfig.defaults(), new MutableClock(NOW),
                Duration.ofHours(24), publicMode);
    }

    private static APIGatewayProxyResponseEvent get(ApiHandler h, String path, String resource, Map<String, String> query,
                                                    Map<String, String> pathParameters) {
        return h.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path).withResource(resource)
                .withQueryStringParameters(query).withPathParameters(pathParameters), null);
    }

    @Test
    void thePageAndItsFilesComeFromTheJarWithAStrictPolicy() {
        APIGatewayProxyResponseEvent page = get(handler(false), "/", "/", null, null);
        assertEquals(200, page.getStatusCode());
        assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(page.getHeaders().get("Content-Security-Policy").contains("script-src 'self'"));
        assertTrue(page.getBody().contains("<base href=\"/\">") && page.getBody().contains("dashboard/app.js"));
        assertFalse(page.getBody().contains("x-api-key:"), "the page holds no key");

        // on the execute-api URL the page lives under the stage
        APIGatewayProxyRequestEvent staged = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/").withResource("/")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("prod").withPath("/prod/"));
        assertTrue(handler(false).handleRequest(staged, null).getBody().contains("<base href=\"/prod/\">"));

        for (String asset : List.of("app.js", "app.css", "uplot.js", "uplot.css", "uplot-LICENSE.txt")) {
            APIGatewayProxyResponseEvent r = get(handler(false), "/dashboard/" + asset, "/dashboard/{asset}", null, Map.of("asset", asset));
            assertEquals(200, r.getStatusCode(), asset);
            assertFalse(r.getBody().isEmpty(), asset);
        }
        assertTrue(get(handler(false), "/dashboard/uplot-LICENSE.txt", "/dashboard/{asset}", null, Map.of("asset", "uplot-LICENSE.txt"))
                .getBody().contains("MIT"));
        APIGatewayProxyResponseEvent missing = get(handler(false), "/dashboard/..%2Fpom.xml", "/dashboard/{asset}", null,
                Map.of("asset", "../pom.xml"));
        assertEquals(404, missing.getStatusCode(), "only the listed files");
    }

    @Test
    void healthGivesTheDigestsWeeklyFiguresAndHeadlineStrings() throws Exception {
        APIGatewayProxyResponseEvent r = get(handler(false), "/health", "/health", Map.of("weeks", "4"), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode h = Json.mapper().readTree(r.getBody());
        List<String> weeks = new ArrayList<>();
        h.path("weeks").forEach(w -> weeks.add(w.path("week").asText()));
        assertEquals(List.of("2026-W45", "2026-W46", "2026-W47", "2026-W48"), weeks);
        JsonNode w47 = h.path("weeks").get(2);
        assertTrue(w47.path("complete").asBoolean());
        assertFalse(h.path("weeks").get(3).path("complete").asBoolean(), "this week is not over");
        assertEquals(2, w47.path("active_contributors").asInt(), "ada and bob, not the bot");
        assertEquals(1, w47.path("new_contributors").asInt(), "ada");
        assertEquals(1, w47.path("returning_contributors").asInt(), "bob, first seen in W45");
        assertEquals(1, w47.path("prs_merged").asInt());
        assertEquals(3 * 3600, w47.path("median_time_to_first_response_s").asLong());
        List<String> headline = new ArrayList<>();
        w47.path("headline").forEach(v -> headline.add(v.asText()));
        assertEquals(List.of("2", "1", "1", "100%", "3h 0m", "0"), headline, "the digest's own strings");
        assertEquals(0, h.path("weeks").get(1).path("active_contributors").asInt(), "a week with no activity");
        assertEquals("n/a", h.path("weeks").get(1).path("headline").get(4).asText());
        assertFalse(h.path("empty").asBoolean());
        assertEquals("Active contributors", h.path("headline_labels").get(0).asText());

        for (String bad : List.of("0", "27", "twelve")) {
            assertEquals(400, get(handler(false), "/health", "/health", Map.of("weeks", bad), null).getStatusCode(), bad);
        }
    }

    @Test
    void activityPerWeekAndLeaderboardPages() throws Exception {
        APIGatewayProxyResponseEvent a = get(handler(false), "/contributors/github:2/activity", "/contributors/{id}/activity",
                null, Map.of("id", "github:2"));
        assertEquals(200, a.getStatusCode(), a.getBody());
        JsonNode weeks = Json.mapper().readTree(a.getBody()).path("weeks");
        assertEquals("2026-W45", weeks.get(0).path("week").asText());
        assertEquals("2026-W47", weeks.get(1).path("week").asText());
        assertEquals(0.7, weeks.get(1).path("score").asDouble(), 1e-9, "comment 0.1 + pr_merged 0.6");
        assertEquals(404, get(handler(false), "/contributors/github:404/activity", "/contributors/{id}/activity", null,
                Map.of("id", "github:404")).getStatusCode());

        JsonNode page1 = Json.mapper().readTree(get(handler(false), "/leaderboard", "/leaderboard",
                Map.of("period", "all", "limit", "1"), null).getBody());
        assertEquals(1, page1.path("items").get(0).path("rank").asInt());
        JsonNode page2 = Json.mapper().readTree(get(handler(false), "/leaderboard", "/leaderboard",
                Map.of("period", "all", "limit", "1", "page", "2"), null).getBody());
        assertEquals(2, page2.path("items").get(0).path("rank").asInt());
        assertEquals("ada", page2.path("items").get(0).path("login").asText());
        APIGatewayProxyResponseEvent past = get(handler(false), "/leaderboard", "/leaderboard",
                Map.of("period", "all", "limit", "1", "page", "7"), null);
        assertEquals(404, past.getStatusCode());
        assertTrue(past.getBody().contains("past the end"), past.getBody());
        assertEquals(400, get(handler(false), "/leaderboard", "/leaderboard", Map.of("page", "100000"), null).getStatusCode());
    }

    @Test
    void publicModeIsOffByDefaultAndShowsOnlyLoginScoreAndTier() throws Exception {
        APIGatewayProxyResponseEvent off = get(handler(false), "/public/leaderboard", "/public/leaderboard", null, null);
        assertEquals(404, off.getStatusCode());
        assertTrue(off.getBody().contains("public mode is off"), off.getBody());

        JsonNode board = Json.mapper().readTree(get(handler(true), "/public/leaderboard", "/public/leaderboard",
                Map.of("period", "all"), null).getBody());
        assertEquals(2, board.path("items").size(), "no bot");
        JsonNode p = Json.mapper().readTree(get(handler(true), "/public/contributors/github:2", "/public/contributors/{id}",
                null, Map.of("id", "github:2")).getBody());
        List<String> fields = new ArrayList<>();
        p.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "login", "platform", "score", "tier", "public"), fields);
        assertEquals(404, get(handler(true), "/public/contributors/github:404", "/public/contributors/{id}", null,
                Map.of("id", "github:404")).getStatusCode());
    }
}
