package com.communitypulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /admin/identities/suggestions} against DynamoDB Local: the scorer's suggestion items listed with their
 * accept call, pairs that no longer hold dropped (linked since, a side erased or a bot), pages followed by cursor, and a
 * bad limit or cursor a 400 before any read.
 */
class IdentitySuggestionsIT {
    private static final String AT = "2026-11-20T18:00:00Z";

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();

    private static ApiHandler handler() {
        return new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), new MutableClock(Instant.parse(AT)));
    }

    private static APIGatewayProxyResponseEvent get(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return handler().handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/identities/suggestions").withResource("/admin/identities/suggestions")
                .withQueryStringParameters(parameters), null);
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    private static void person(String id, String login, String firstSeen) {
        Items.person(id).login(login).score("0.1").count("comment", 1).firstSeen(firstSeen).lastActive(firstSeen)
                .put(TABLE.client(), TABLE.name());
    }

    /** octocat on GitHub (seen first) and on Discord, as the scorer suggested them. */
    private static void octocats() {
        person("github:583231", "octocat", "2026-11-16T10:00:00Z");
        person("discord:77", "OctoCat", "2026-11-17T10:00:00Z");
        Items.put(TABLE.client(), TABLE.name(), List.of(Items.sameLogin("discord:77", "OctoCat", "discord:77",
                "github:583231", "octocat", "github:583231", "0.6", AT)));
    }

    @Test
    void aSuggestionIsListedWithItsReasonConfidenceLoginsAndAcceptCall() throws Exception {
        octocats();
        APIGatewayProxyResponseEvent response = get("");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"), "never cached: an accepted pair drops out at once");
        JsonNode body = json(response);
        assertEquals(1, body.get("items").size(), body.toString());
        JsonNode item = body.get("items").get(0);
        // the Discord identity, seen later and alone, joins the GitHub person
        assertEquals("discord:77", item.get("identity").asText());
        assertEquals("github:583231", item.get("person").asText());
        assertEquals("same_login", item.get("reason").asText());
        assertEquals(0.6, item.get("confidence").asDouble());
        assertEquals("OctoCat", item.get("logins").get("discord:77").asText());
        assertEquals("octocat", item.get("logins").get("github:583231").asText());
        assertEquals(Json.mapper().readTree("{\"method\":\"POST\",\"path\":\"/admin/identities/link\","
                + "\"body\":{\"identity\":\"discord:77\",\"person\":\"github:583231\"}}"), item.get("accept"));
        assertTrue(body.get("next").isNull());
    }

    @Test
    void theProfileUrlAndEmailHashReasonsAreListedWithTheirConfidence() throws Exception {
        octocats();
        person("slack:T1:U9", "mona", "2026-11-18T10:00:00Z");
        person("custom:crm-17", "ada", "2026-11-16T10:00:00Z");
        person("meetup:ada-l", "Ada L", "2026-11-18T10:00:00Z");
        Items.put(TABLE.client(), TABLE.name(), List.of(
                Items.suggestion("profile_url", "slack:T1:U9", "mona", "slack:T1:U9", "github:583231", "octocat",
                        "github:583231", "0.8", AT),
                Items.suggestion("email_hash", "meetup:ada-l", "Ada L", "meetup:ada-l", "custom:crm-17", "ada",
                        "custom:crm-17", "0.9", AT)));
        Map<String, JsonNode> byReason = new HashMap<>();
        json(get("")).get("items").forEach(item -> byReason.put(item.get("reason").asText(), item));
        assertEquals(java.util.Set.of("same_login", "profile_url", "email_hash"), byReason.keySet(), byReason.toString());
        JsonNode profile = byReason.get("profile_url");
        assertEquals(0.8, profile.get("confidence").asDouble());
        assertEquals("slack:T1:U9", profile.get("identity").asText(), "the Slack user, seen later, joins the GitHub person");
        assertEquals("github:583231", profile.get("person").asText());
        assertEquals("mona", profile.get("logins").get("slack:T1:U9").asText());
        JsonNode email = byReason.get("email_hash");
        assertEquals(0.9, email.get("confidence").asDouble());
        assertEquals("meetup:ada-l", email.get("accept").get("body").get("identity").asText());
        assertEquals("custom:crm-17", email.get("accept").get("body").get("person").asText());
    }

    @Test
    void twoPeopleWhoBothHaveLinkedIdentitiesAreListedWithNoAcceptCall() throws Exception {
        // a link's secondary may have no linked identities of its own, so neither can join the other
        Items.person("github:1").login("ada").score("0.2").count("comment", 2).firstSeen(AT).lastActive(AT)
                .identity("discourse:5", "ada-forum").put(TABLE.client(), TABLE.name());
        Items.person("slack:U1").login("ada").score("0.2").count("message_posted", 2).firstSeen(AT).lastActive(AT)
                .identity("discord:9", "ada-chat").put(TABLE.client(), TABLE.name());
        Items.put(TABLE.client(), TABLE.name(), List.of(Items.sameLogin("slack:U1", "ada", "slack:U1",
                "github:1", "ada", "github:1", "0.4", AT)));
        JsonNode item = json(get("")).get("items").get(0);
        assertEquals("github:1", item.get("person").asText());
        assertEquals("slack:U1", item.get("identity").asText());
        assertTrue(item.get("accept").isNull(), item.toString());
    }

    @Test
    void aPairLinkedSinceIsDropped() throws Exception {
        octocats();
        Items.person("github:583231").login("octocat").score("0.2").count("comment", 1).count("message_posted", 1)
                .firstSeen("2026-11-16T10:00:00Z").lastActive("2026-11-17T10:00:00Z").identity("discord:77", "OctoCat")
                .put(TABLE.client(), TABLE.name());
        Items.person("discord:77").login("OctoCat").linkedTo("github:583231", "2026-11-20T19:00:00Z")
                .put(TABLE.client(), TABLE.name());
        assertEquals(0, json(get("")).get("items").size());
    }

    @Test
    void aPairWithAnErasedSideOrABotIsDropped() throws Exception {
        octocats();
        TABLE.client().deleteItem(r -> r.tableName(TABLE.name()).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PERSON#discord:77"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE"))));
        assertEquals(0, json(get("")).get("items").size(), "erasure deletes the profile");
        Items.person("github:9").login("renovate").bot().count("pr_merged", 1).firstSeen(AT).lastActive(AT)
                .put(TABLE.client(), TABLE.name());
        person("slack:U1", "renovate", AT);
        Items.put(TABLE.client(), TABLE.name(), List.of(Items.sameLogin("slack:U1", "renovate", "slack:U1",
                "github:9", "renovate", "github:9", "0.6", AT)));
        assertEquals(0, json(get("")).get("items").size(), "a bot is never suggested");
    }

    @Test
    void pagesAreFollowedByCursorUntilNextIsNull() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            person("github:" + i, "user" + i, "2026-11-16T10:00:00Z");
            person("slack:U" + i, "user" + i, "2026-11-17T10:00:00Z");
            Items.put(TABLE.client(), TABLE.name(), List.of(Items.sameLogin("slack:U" + i, "user" + i, "slack:U" + i,
                    "github:" + i, "user" + i, "github:" + i, "0.6", AT)));
            expected.add("slack:U" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode body = json(get("limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            body.get("items").forEach(item -> seen.add(item.get("identity").asText()));
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(expected, seen);
        assertTrue(pages >= 3 && pages <= 4, "2 per page: " + pages);
    }

    @Test
    void aBadLimitOrCursorIsA400WithTheReason() throws Exception {
        for (String query : List.of("limit=0", "limit=51", "limit=ten", "cursor=%%%", "cursor=", "cursor=bm9oYXNo", "page=2")) {
            APIGatewayProxyResponseEvent response = get(query);
            assertEquals(400, response.getStatusCode(), query + ": " + response.getBody());
            assertTrue(json(response).get("error").asText().length() > 10, response.getBody());
        }
        APIGatewayProxyResponseEvent post = handler().handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/identities/suggestions").withResource("/admin/identities/suggestions"), null);
        assertEquals(405, post.getStatusCode());
    }
}
