package com.communitypulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /admin/identities/link} (the call a suggestion's {@code accept} names): each bad request is a 4xx with its
 * reason and publishes nothing; a good one is one {@code identity_linked} action of the identity on the bus, as the
 * schema says, with who asked and why. The scorer applying it is IdentityLinkingIT's and the packaged runner's.
 */
class AdminIdentityLinkIT {
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00.250Z");
    private static final EventSchema SCHEMA = EventSchema.load("/schemas/community-action.schema.json");

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    private static final RecordingPublisher BUS = new RecordingPublisher();
    private static ApiHandler handler;

    @BeforeAll
    static void seed() {
        // github:2 has discord:7 linked; discord:9 and slack:U1 stand alone; github:66 is a bot
        Items.person("github:2").login("bob").score("1.2").count("pr_merged", 1).identity("discord:7", "bob_d")
                .put(TABLE.client(), TABLE.name());
        Items.person("discord:7").login("bob_d").linkedTo("github:2", "2026-11-18T11:00:00Z").put(TABLE.client(), TABLE.name());
        Items.person("discord:9").login("ana_d").score("0.2").count("message_posted", 2).put(TABLE.client(), TABLE.name());
        Items.person("slack:U1").login("ana").score("0.1").count("message_posted", 1).put(TABLE.client(), TABLE.name());
        Items.person("github:66").login("dependabot[bot]").bot().put(TABLE.client(), TABLE.name());
        handler = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), ScoringConfig.defaults(),
                new MutableClock(NOW), ResponseDebt.DEFAULT_TARGET, false, TableKeys.DEFAULT_ERASURE_SALT, BUS);
    }

    @BeforeEach
    void clearTheBus() {
        BUS.clear();
    }

    private static APIGatewayProxyResponseEvent post(String body, String requestId) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/identities/link").withResource("/admin/identities/link").withBody(body)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(requestId)), null);
    }

    private static String link(String identity, String person) {
        return "{\"identity\":\"" + identity + "\",\"person\":\"" + person + "\",\"by\":\"ops@example.org\"}";
    }

    @Test
    void badInputIsA4xxWithTheReasonAndPublishesNothing() throws Exception {
        Object[][] cases = {
            {link("discord:9", "discord:9"), 400, "cannot be linked to itself"},
            {link("discord:9", "github:66"), 400, "bots are never linked: github:66 is a bot"},
            {link("github:66", "github:2"), 400, "bots are never linked: github:66 is a bot"},
            {link("discord:404", "github:2"), 404, "no contributor discord:404"},
            {link("discord:9", "github:404"), 404, "no contributor github:404"},
            {link("discord:7", "github:2"), 409, "discord:7 is already linked to github:2: nothing to do"},
            {link("discord:7", "slack:U1"), 409, "already linked to github:2; an identity belongs to one person"},
            {link("github:2", "discord:7"), 409, "discord:7 is linked to github:2: linking github:2 to it would make a cycle"},
            {link("github:2", "slack:U1"), 409, "github:2 already has linked identities of its own"},
            {link("discord:@ana_d", "github:2"), 400, "identity is required, as platform:id"},
            {"{\"identity\":\"discord:9\",\"by\":\"ops\"}", 400, "person is required"},
            {"{\"identity\":\"discord:9\",\"person\":\"github:2\"}", 400, "by is required"},
            {"{\"identity\":\"discord:9\",\"person\":\"github:2\",\"by\":\"ops\",\"why\":3}", 400, "why must be a string"},
            {"{\"identity\":\"discord:9\",\"person\":\"github:2\",\"by\":\"ops\",\"force\":true}", 400, "unknown field force"},
            {"{\"identity\":", 400, "the body is not JSON"},
            {"", 400, "a JSON body is required"},
        };
        for (Object[] c : cases) {
            APIGatewayProxyResponseEvent response = post((String) c[0], "req-bad");
            assertEquals(c[1], response.getStatusCode(), c[0] + ": " + response.getBody());
            assertTrue(Json.mapper().readTree(response.getBody()).path("error").asText().contains((String) c[2]),
                    c[0] + ": " + response.getBody());
        }
        assertEquals(List.of(), BUS.events(), "nothing published for bad input");
        APIGatewayProxyResponseEvent get = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/identities/link").withResource("/admin/identities/link"), null);
        assertEquals(405, get.getStatusCode());
    }

    @Test
    void aLinkIsOneIdentityLinkedActionOfTheIdentityWithWhoAskedAndWhy() throws Exception {
        APIGatewayProxyResponseEvent response = post("{\"identity\":\"discord:9\",\"person\":\"slack:U1\","
                + "\"by\":\"ops@example.org\",\"why\":\"same person, asked on Discord\"}", "req-1");
        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode answer = Json.mapper().readTree(response.getBody());
        assertEquals("accepted", answer.path("status").asText());
        assertEquals("discord:9", answer.path("identity").asText());
        assertEquals("slack:U1", answer.path("person").asText());

        assertEquals(1, BUS.events().size());
        BusEvent event = BUS.events().get(0);
        assertEquals(Sources.ADMIN, event.source());
        assertEquals(Sources.ACTION, event.detailType());
        JsonNode detail = Json.mapper().readTree(event.detail());
        assertEquals(List.of(), SCHEMA.problems(detail), detail.toString());
        assertEquals(answer.path("action_id").asText(), detail.path("id").asText());
        assertEquals("discord:9", detail.path("actor").asText());
        assertEquals("ana_d", detail.path("actor_login").asText());
        assertEquals("user", detail.path("actor_kind").asText());
        assertEquals("discord", detail.at("/context/platform").asText());
        assertEquals("identity_linked", detail.at("/context/type").asText());
        assertEquals("slack:U1", detail.at("/context/target").asText());
        assertEquals("ops@example.org", detail.at("/context/by").asText());
        assertEquals("same person, asked on Discord", detail.at("/context/why").asText());

        // a retried invocation of the same request is the same action (the scorer applies it once); another is another
        post(link("discord:9", "slack:U1"), "req-1");
        post(link("discord:9", "slack:U1"), "req-2");
        assertEquals(detail.path("id"), Json.mapper().readTree(BUS.events().get(1).detail()).path("id"));
        assertNotEquals(detail.path("id"), Json.mapper().readTree(BUS.events().get(2).detail()).path("id"));
    }

    @Test
    void aLinkToALinkedIdentityJoinsItsPerson() throws Exception {
        APIGatewayProxyResponseEvent response = post(link("slack:U1", "discord:7"), "req-3");
        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals("github:2", Json.mapper().readTree(response.getBody()).path("person").asText());
        assertEquals("github:2", Json.mapper().readTree(BUS.events().get(0).detail()).at("/context/target").asText());
    }
}
