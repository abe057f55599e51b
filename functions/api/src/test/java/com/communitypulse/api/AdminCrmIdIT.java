package com.communitypulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.EventSchema;
import com.communitypulse.testkit.Items;
import com.communitypulse.testkit.RecordingPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /admin/people/{id}/crm} against DynamoDB Local: bad input is a 400 with the reason, nobody a 404, and
 * neither publishes anything; a good change is a 202 and one {@code community.action} from {@code community-pulse.admin}
 * that matches the published schema, naming the person (a linked identity's person), the CRM id, who and why.
 * And {@code GET /contributors/{id}} returns the person's {@code crm_id}, null without one.
 */
class AdminCrmIdIT {
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00.250Z");
    private static final EventSchema SCHEMA = EventSchema.load("/schemas/community-action.schema.json");

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    private static final RecordingPublisher BUS = new RecordingPublisher();
    private static ApiHandler handler;

    @BeforeAll
    static void seed() {
        Items.person("github:2").login("bob").score("1.2").count("pr_merged", 1).crmId("0013000000AbC")
                .firstSeen("2026-11-01T10:00:00Z").lastActive("2026-11-18T10:00:00Z").identity("discord:7", "bob_d")
                .put(TABLE.client(), TABLE.name());
        Items.person("discord:7").login("bob_d").linkedTo("github:2", "2026-11-18T11:00:00Z").put(TABLE.client(), TABLE.name());
        Items.person("jira:42").login("ana").score("0.1").count("talk_given", 1)
                .firstSeen("2026-11-01T10:00:00Z").lastActive("2026-11-01T10:00:00Z").put(TABLE.client(), TABLE.name());
        handler = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), ScoringConfig.defaults(),
                new MutableClock(NOW), ResponseDebt.DEFAULT_TARGET, false, TableKeys.DEFAULT_ERASURE_SALT, BUS);
    }

    @BeforeEach
    void clearTheBus() {
        BUS.clear();
    }

    private static APIGatewayProxyResponseEvent post(String id, String body) {
        return post(id, body, "req-" + System.nanoTime());
    }

    private static APIGatewayProxyResponseEvent post(String id, String body, String requestId) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/people/" + id + "/crm").withResource("/admin/people/{id}/crm")
                .withPathParameters(Map.of("id", id)).withBody(body)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(requestId)), null);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void badInputIsA400WithTheReasonAndPublishesNothing() throws Exception {
        String good = "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops@example.org\"}";
        Object[][] cases = {
            {"octocat", good, 400, "person id must be platform:id"},
            {"github:@bob", good, 400, "person id must be platform:id"},
            {"github:2", "{\"crm_id\":\"" + "x".repeat(129) + "\",\"by\":\"ops\"}", 400, "crm_id must be 1 to 128 characters"},
            {"github:2", "{\"crm_id\":\"\",\"by\":\"ops\"}", 400, "crm_id must be 1 to 128 characters"},
            {"github:2", "{\"crm_id\":\"a\\u0007b\",\"by\":\"ops\"}", 400, "without control characters"},
            {"github:2", "{\"crm_id\":\" 001\",\"by\":\"ops\"}", 400, "spaces at either end"},
            {"github:2", "{\"crm_id\":42,\"by\":\"ops\"}", 400, "crm_id must be a string or null"},
            {"github:2", "{\"by\":\"ops\"}", 400, "crm_id is required (null clears it)"},
            {"github:2", "{\"crm_id\":\"0013000000XyZ\"}", 400, "by is required"},
            {"github:2", "{\"crm_id\":\"0013000000XyZ\",\"by\":\"  \"}", 400, "by is required"},
            {"github:2", "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops\",\"why\":7}", 400, "why must be a string"},
            {"github:2", "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops\",\"email\":\"a@b\"}", 400, "unknown field email"},
            {"github:2", "{\"crm_id\": \"0013", 400, "the body is not JSON"},
            {"github:2", "[\"0013000000XyZ\"]", 400, "the body must be a JSON object"},
            {"github:2", "", 400, "a JSON body is required"},
            {"github:2", "{\"crm_id\":\"" + "x".repeat(9000) + "\",\"by\":\"ops\"}", 413, "the body is over"},
            {"github:404", good, 404, "no contributor github:404"},
        };
        for (Object[] c : cases) {
            APIGatewayProxyResponseEvent response = post((String) c[0], (String) c[1]);
            String what = c[0] + " " + c[1];
            assertEquals(c[2], response.getStatusCode(), what + ": " + response.getBody());
            assertEquals("no-store", response.getHeaders().get("Cache-Control"), what);
            assertTrue(json(response.getBody()).path("error").asText().contains((String) c[3]), what + ": " + response.getBody());
        }
        assertEquals(List.of(), BUS.events(), "nothing published for bad input");
        APIGatewayProxyResponseEvent get = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/people/github:2/crm").withResource("/admin/people/{id}/crm")
                .withPathParameters(Map.of("id", "github:2")), null);
        assertEquals(405, get.getStatusCode());
    }

    @Test
    void aChangeIsAcceptedAndPutOnTheBusAsTheSchemasAction() throws Exception {
        APIGatewayProxyResponseEvent response = post("discord:7",
                "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops@example.org\",\"why\":\"merged duplicate\"}", "req-1");
        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode answer = json(response.getBody());
        assertEquals("accepted", answer.path("status").asText());
        assertEquals("github:2", answer.path("person").asText(), "a linked identity's change is its person's");

        assertEquals(1, BUS.events().size());
        BusEvent event = BUS.events().get(0);
        assertEquals(Sources.ADMIN, event.source());
        assertEquals(Sources.ACTION, event.detailType());
        JsonNode detail = json(event.detail());
        assertEquals(List.of(), SCHEMA.problems(detail), detail.toString());
        assertEquals(answer.path("action_id").asText(), detail.path("id").asText());
        assertEquals("github:2", detail.path("actor").asText());
        assertEquals("bob", detail.path("actor_login").asText());
        assertEquals("github", detail.at("/context/platform").asText());
        assertEquals("crm_id_set", detail.at("/context/type").asText());
        assertEquals("0013000000XyZ", detail.at("/context/target").asText());
        assertEquals("ops@example.org", detail.at("/context/by").asText());
        assertEquals("merged duplicate", detail.at("/context/why").asText());
        assertEquals("2026-11-20T18:00:00.250Z", detail.path("timestamp").asText());

        // the same request again (a retried invocation) is the same action; another request is another
        post("github:2", "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops@example.org\",\"why\":\"merged duplicate\"}", "req-1");
        post("github:2", "{\"crm_id\":\"0013000000XyZ\",\"by\":\"ops@example.org\"}", "req-2");
        assertEquals(detail.path("id"), json(BUS.events().get(1).detail()).path("id"));
        assertNotEquals(detail.path("id"), json(BUS.events().get(2).detail()).path("id"));
    }

    @Test
    void nullClearsAndACustomSourcesPersonIsOfPlatformCustom() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/people/jira%3A42/crm").withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString("{\"crm_id\":null,\"by\":\"ops\"}".getBytes())), null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode detail = json(BUS.events().get(0).detail());
        assertEquals(List.of(), SCHEMA.problems(detail), detail.toString());
        assertFalse(detail.get("context").has("target"), "no target: clear the CRM id");
        assertFalse(detail.get("context").has("why"));
        assertEquals("custom", detail.at("/context/platform").asText());
        assertEquals("jira:42", detail.path("actor").asText());
    }

    @Test
    void withoutABusTheChangeIsA503() throws Exception {
        ApiHandler readOnly = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), new MutableClock(NOW));
        APIGatewayProxyResponseEvent response = readOnly.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/people/github:2/crm").withBody("{\"crm_id\":\"a\",\"by\":\"ops\"}"), null);
        assertEquals(503, response.getStatusCode(), response.getBody());
        assertTrue(json(response.getBody()).path("error").asText().contains("EVENT_BUS_NAME"));
    }

    @Test
    void theActionsExportShowsWhoChangedItAndWhy() throws Exception {
        // the activity item as the scorer records a change (CrmIdIT checks the scorer writes these attributes)
        Map<String, AttributeValue> item = new HashMap<>();
        BiConsumer<String, String> s = (name, value) ->
                item.put(name, AttributeValue.fromS(value));
        s.accept(TableKeys.PK, TableKeys.day(LocalDate.parse("2026-11-19")));
        s.accept(TableKeys.SK, TableKeys.activitySortKey("2026-11-19T09:00:00Z", "crm-x"));
        s.accept("action_id", "crm-x");
        s.accept("person", "github:2");
        s.accept("actor", "github:2");
        s.accept("type", "crm_id_set");
        s.accept("ts", "2026-11-19T09:00:00Z");
        s.accept("target", "0013000000AbC");
        s.accept("by", "ops@example.org");
        s.accept("why", "matched by e-mail");
        s.accept("result", "set");
        item.put("impact", AttributeValue.fromN("0"));
        TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(item));
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/export/actions.jsonl").withResource("/admin/export/{file}")
                .withPathParameters(Map.of("file", "actions.jsonl"))
                .withQueryStringParameters(Map.of("from", "2026-11-19", "to", "2026-11-19")), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode line = json(response.getBody().lines().findFirst().orElseThrow());
        assertEquals("crm_id_set", line.path("type").asText());
        assertEquals("0013000000AbC", line.path("target").asText());
        assertEquals("ops@example.org", line.path("by").asText());
        assertEquals("matched by e-mail", line.path("why").asText());
        assertEquals("set", line.path("result").asText());
    }

    @Test
    void theReadApiReturnsTheCrmIdOrNull() throws Exception {
        for (String[] c : new String[][] {{"discord:7", "0013000000AbC"}, {"jira:42", null}}) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent()
                    .withHttpMethod("GET").withPath("/contributors/" + c[0]).withResource("/contributors/{id}")
                    .withPathParameters(Map.of("id", c[0])), null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode body = json(response.getBody());
            assertTrue(body.has("crm_id"), "always present");
            assertEquals(c[1], body.get("crm_id").isNull() ? null : body.get("crm_id").asText(), c[0]);
        }
    }
}
