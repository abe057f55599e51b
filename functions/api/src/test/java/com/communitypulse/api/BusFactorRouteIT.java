package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ActivityItems;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.communitypulse.testkit.PersonItems;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * {@code GET /bus-factor} on DynamoDB Local, on data whose answer is computed by hand below: the activity items
 * and profiles the scorer would have written (testkit's {@link Items}; comment and pr_opened 0.1, issue_opened 0.3,
 * a bot's merge 0).
 */
class BusFactorRouteIT {
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
    private static final Set<String> ACTED = new HashSet<>();
    private static int n;

    @BeforeAll
    static void seed() {
        // octo-org/a: ada 6 (last 20 days ago), bob 3, cy 1 -> total 10, ada alone makes 6 >= 5: factor 1, ada quiet
        for (int i = 0; i < 6; i++) {
            act("github:1", "ada", "octo-org/a", "comment", "0.1", NOW.minus(Duration.ofDays(40 - i * 4)));
        }
        for (int i = 0; i < 3; i++) {
            act("github:2", "bob", "octo-org/a", "pr_opened", "0.1", NOW.minus(Duration.ofDays(3 + i)));
        }
        act("github:3", "cy", "octo-org/a", "issue_opened", "0.3", NOW.minus(Duration.ofDays(2)));
        // not contributions: a star, a bot's merges, and work older than 90 days
        act("github:3", "cy", "octo-org/a", "starred", "0.1", NOW.minus(Duration.ofDays(1)));
        for (int i = 0; i < 9; i++) {
            Items.activity("bot" + i, NOW.minus(Duration.ofDays(1)).toString()).by("github:99", "dependabot[bot]").bot()
                    .type("pr_merged").repo("octo-org/a").put(TABLE.client(), TABLE.name());
        }
        for (int i = 0; i < 9; i++) {
            act("github:2", "bob", "octo-org/a", "comment", "0.1", NOW.minus(Duration.ofDays(95)));
        }
        // octo-org/c: dee, eve, fay 1 each, recent -> total 3: dee 1 (2x1 < 3), eve 2 (2x2 >= 3): factor 2, not flagged
        act("github:4", "dee", "octo-org/c", "comment", "0.1", NOW.minus(Duration.ofDays(1)));
        act("github:5", "eve", "octo-org/c", "comment", "0.1", NOW.minus(Duration.ofDays(2)));
        act("github:6", "fay", "octo-org/c", "comment", "0.1", NOW.minus(Duration.ofDays(3)));

        // their profiles (the bus factor reads login and kind; each one's first action made them a User)
        person("github:1", "ada", "0.6", 40, 20).count("comment", 6).tier("User", ago(40), "first action (comment)")
                .put(TABLE.client(), TABLE.name());
        person("github:2", "bob", "1.2", 95, 3).count("pr_opened", 3).count("comment", 9)
                .tier("User", ago(3), "first action (pr_opened)").put(TABLE.client(), TABLE.name());
        person("github:3", "cy", "0.4", 2, 1).count("issue_opened", 1).count("starred", 1)
                .tier("User", ago(2), "first action (issue_opened)").put(TABLE.client(), TABLE.name());
        person("github:99", "dependabot[bot]", "0", 1, 1).bot().count("pr_merged", 9).put(TABLE.client(), TABLE.name());
        for (String[] p : new String[][] {{"github:4", "dee", "1"}, {"github:5", "eve", "2"}, {"github:6", "fay", "3"}}) {
            int days = Integer.parseInt(p[2]);
            person(p[0], p[1], "0.1", days, days).count("comment", 1).tier("User", ago(days), "first action (comment)")
                    .put(TABLE.client(), TABLE.name());
        }
    }

    private static String ago(int days) {
        return NOW.minus(Duration.ofDays(days)).toString();
    }

    /** A profile: all-time points, first and last seen so many days ago. */
    private static PersonItems person(String id, String login, String score, int firstSeenDaysAgo, int lastActiveDaysAgo) {
        return Items.person(id).login(login).score(score).firstSeen(ago(firstSeenDaysAgo)).lastActive(ago(lastActiveDaysAgo));
    }

    /** One action's activity item, {@code first} on each person's first one (in the order they arrive here). */
    private static void act(String actor, String login, String repo, String type, String impact, Instant ts) {
        ActivityItems item = Items.activity("b" + (n++), ts.toString()).by(actor, login).type(type).repo(repo).impact(impact);
        if (ACTED.add(actor)) {
            item.first();
        }
        item.put(TABLE.client(), TABLE.name());
    }

    private static APIGatewayProxyResponseEvent get(Map<String, String> query) {
        ApiHandler handler = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), new MutableClock(NOW));
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/bus-factor")
                .withResource("/bus-factor").withQueryStringParameters(query), null);
    }

    @Test
    void everyRepositoryFlaggedFirstFromNinetyDayQueriesNeverAScan() throws Exception {
        CALLS.clear();
        APIGatewayProxyResponseEvent response = get(null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertEquals(90, body.get("window_days").asInt());
        List<String> repos = new ArrayList<>();
        body.get("repos").forEach(r -> repos.add(r.get("repo").asText() + " factor " + r.get("factor").asInt()
                + " of " + r.get("contributors").asInt() + ", " + r.get("contributions").asInt() + " contributions, flagged "
                + r.get("flagged").asBoolean()));
        assertEquals(List.of("octo-org/a factor 1 of 3, 10 contributions, flagged true",
                "octo-org/c factor 2 of 3, 3 contributions, flagged false"), repos);
        JsonNode a = body.get("repos").get(0);
        assertTrue(a.get("single_person").asBoolean());
        assertEquals("ada", a.get("core").get(0).get("login").asText());
        assertEquals(6, a.get("core").get(0).get("contributions").asInt());
        assertEquals(20, a.get("core").get(0).get("days_quiet").asInt());
        assertEquals("[\"github:1\"]", a.get("quiet_core").toString());
        assertEquals("[github:4, github:5]", body.get("repos").get(1).get("core").findValuesAsText("person").toString());
        assertEquals(null, CALLS.get("Scan"));
        assertTrue(CALLS.get("Query").get() <= 91, "one Query per day of the window, got " + CALLS.get("Query"));
    }

    @Test
    void oneRepositoryByName() throws Exception {
        APIGatewayProxyResponseEvent response = get(Map.of("repo", "octo-org/c"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertEquals("octo-org/c", body.get("repo").asText());
        assertEquals(2, body.get("factor").asInt());
        assertEquals(false, body.get("flagged").asBoolean());
    }

    @Test
    void unknownOrInvalidRepository() throws Exception {
        APIGatewayProxyResponseEvent unknown = get(Map.of("repo", "octo-org/none"));
        assertEquals(404, unknown.getStatusCode());
        assertEquals("no contributions to octo-org/none in the 90 days",
                Json.mapper().readTree(unknown.getBody()).get("error").asText());
        assertEquals(400, get(Map.of("repo", "../etc passwd")).getStatusCode());
    }
}
