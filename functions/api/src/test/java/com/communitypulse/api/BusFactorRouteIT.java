package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.score.ScoringService;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code GET /bus-factor} on DynamoDB Local, on data whose answer is computed by hand below. */
class BusFactorRouteIT {
    private static final String TABLE = "busfactor-test";
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;
    private static int n;

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
        ScoringService s = new ScoringService(new DynamoDbContributorStore(dynamo, TABLE), events -> { },
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        // octo-org/a: ada 6 (last 20 days ago), bob 3, cy 1 -> total 10, ada alone makes 6 >= 5: factor 1, ada quiet
        for (int i = 0; i < 6; i++) {
            act(s, "github:1", "ada", "octo-org/a", "comment", NOW.minus(Duration.ofDays(40 - i * 4)));
        }
        for (int i = 0; i < 3; i++) {
            act(s, "github:2", "bob", "octo-org/a", "pr_opened", NOW.minus(Duration.ofDays(3 + i)));
        }
        act(s, "github:3", "cy", "octo-org/a", "issue_opened", NOW.minus(Duration.ofDays(2)));
        // not contributions: a star, a bot's merges, and work older than 90 days
        act(s, "github:3", "cy", "octo-org/a", "starred", NOW.minus(Duration.ofDays(1)));
        for (int i = 0; i < 9; i++) {
            s.handle(new CommunityAction(CommunityAction.EVENT, "bot" + i, "github:99", "dependabot[bot]", CommunityAction.BOT,
                    new ActionContext("github", "pr_merged", "octo-org/a", null, null, null, null, null, null, null, null, null),
                    NOW.minus(Duration.ofDays(1)).toString()));
        }
        for (int i = 0; i < 9; i++) {
            act(s, "github:2", "bob", "octo-org/a", "comment", NOW.minus(Duration.ofDays(95)));
        }
        // octo-org/c: dee, eve, fay 1 each, recent -> total 3: dee 1 (2x1 < 3), eve 2 (2x2 >= 3): factor 2, not flagged
        act(s, "github:4", "dee", "octo-org/c", "comment", NOW.minus(Duration.ofDays(1)));
        act(s, "github:5", "eve", "octo-org/c", "comment", NOW.minus(Duration.ofDays(2)));
        act(s, "github:6", "fay", "octo-org/c", "comment", NOW.minus(Duration.ofDays(3)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    private static void act(ScoringService s, String actor, String login, String repo, String type, Instant ts) {
        s.handle(new CommunityAction(CommunityAction.EVENT, "b" + (n++), actor, login, CommunityAction.USER,
                new ActionContext("github", type, repo, null, null, null, null, null, null, null, null, null), ts.toString()));
    }

    private static APIGatewayProxyResponseEvent get(Map<String, String> query) {
        ApiHandler handler = new ApiHandler(new ContributorReader(dynamo, TABLE), new MutableClock(NOW));
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
