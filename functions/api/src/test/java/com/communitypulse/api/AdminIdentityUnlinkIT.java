package com.communitypulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /admin/identities/unlink}: each bad request is a 4xx with its reason and publishes nothing; a good one is
 * one {@code identity_unlinked} action of the identity on the bus, as the schema says, with who asked and why. The
 * scorer applying it exactly is UnlinkIT's, the packaged runner's is PackagedRunnerIT's.
 */
class AdminIdentityUnlinkIT {
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00.250Z");
    private static final EventSchema SCHEMA = EventSchema.load("/schemas/community-action.schema.json");

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    private static final RecordingPublisher BUS = new RecordingPublisher();
    private static ApiHandler handler;

    @BeforeAll
    static void seed() {
        // github:2 has discord:7 (linked with own records) and discord:8 (linked before they were kept); discord:9 alone
        Items.person("github:2").login("bob").score("1.2").count("pr_merged", 1).identity("discord:7", "bob_d")
                .identity("discord:8", "bob_old").put(TABLE.client(), TABLE.name());
        Items.person("discord:7").login("bob_d").linkedTo("github:2", "2026-11-18T11:00:00Z").put(TABLE.client(), TABLE.name());
        Items.person("discord:8").login("bob_old").linkedTo("github:2", "2025-01-18T11:00:00Z").put(TABLE.client(), TABLE.name());
        Items.person("discord:9").login("ana_d").score("0.2").count("message_posted", 2).put(TABLE.client(), TABLE.name());
        for (String own : List.of("github:2", "discord:7")) {
            TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(Map.of(
                    TableKeys.PK, AttributeValue.fromS(TableKeys.person(own)), TableKeys.SK, AttributeValue.fromS(TableKeys.OWN),
                    "id", AttributeValue.fromS(own))));
        }
        handler = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), ScoringConfig.defaults(),
                new MutableClock(NOW), ResponseDebt.DEFAULT_TARGET, false, TableKeys.DEFAULT_ERASURE_SALT, BUS);
    }

    @BeforeEach
    void clearTheBus() {
        BUS.clear();
    }

    private static APIGatewayProxyResponseEvent post(String body, String requestId) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/identities/unlink").withResource("/admin/identities/unlink").withBody(body)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(requestId)), null);
    }

    private static String unlink(String identity) {
        return "{\"identity\":\"" + identity + "\",\"by\":\"ops@example.org\"}";
    }

    @Test
    void badInputIsA4xxWithTheReasonAndPublishesNothing() throws Exception {
        Object[][] cases = {
            {unlink("discord:9"), 409, "discord:9 is not linked to anyone: nothing to do"},
            {unlink("github:2"), 409, "github:2 is a person, not a linked identity; unlink its identities instead: discord:7, discord:8"},
            {unlink("discord:8"), 409, "discord:8 was linked to github:2 before links kept what an unlink needs"},
            {unlink("discord:404"), 404, "no contributor discord:404"},
            {unlink("discord:@bob_d"), 400, "identity is required, as platform:id"},
            {"{\"identity\":\"discord:7\"}", 400, "by is required"},
            {"{\"identity\":\"discord:7\",\"by\":\"ops\",\"person\":\"github:2\"}", 400, "unknown field person"},
            {"{\"identity\":", 400, "the body is not JSON"},
        };
        for (Object[] c : cases) {
            APIGatewayProxyResponseEvent response = post((String) c[0], "req-bad");
            assertEquals(c[1], response.getStatusCode(), c[0] + ": " + response.getBody());
            assertTrue(Json.mapper().readTree(response.getBody()).path("error").asText().contains((String) c[2]),
                    c[0] + ": " + response.getBody());
        }
        assertEquals(List.of(), BUS.events(), "nothing published for bad input");
        APIGatewayProxyResponseEvent get = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/identities/unlink").withResource("/admin/identities/unlink"), null);
        assertEquals(405, get.getStatusCode());
    }

    @Test
    void anUnlinkIsOneIdentityUnlinkedActionOfTheIdentityWithWhoAskedAndWhy() throws Exception {
        APIGatewayProxyResponseEvent response = post("{\"identity\":\"discord:7\",\"by\":\"ops@example.org\","
                + "\"why\":\"two people after all\"}", "req-1");
        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode answer = Json.mapper().readTree(response.getBody());
        assertEquals("accepted", answer.path("status").asText());
        assertEquals("discord:7", answer.path("identity").asText());
        assertEquals("github:2", answer.path("person").asText());

        assertEquals(1, BUS.events().size());
        BusEvent event = BUS.events().get(0);
        assertEquals(Sources.ADMIN, event.source());
        JsonNode detail = Json.mapper().readTree(event.detail());
        assertEquals(List.of(), SCHEMA.problems(detail), detail.toString());
        assertEquals(answer.path("action_id").asText(), detail.path("id").asText());
        assertEquals("discord:7", detail.path("actor").asText());
        assertEquals("bob_d", detail.path("actor_login").asText());
        assertEquals("identity_unlinked", detail.at("/context/type").asText());
        assertEquals("github:2", detail.at("/context/target").asText());
        assertEquals("ops@example.org", detail.at("/context/by").asText());
        assertEquals("two people after all", detail.at("/context/why").asText());
    }
}
