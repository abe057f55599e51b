package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * All five routes through the local runner, signed the way each platform signs, then every row of
 * the bad-input table: each gets its status and a JSON reason, and leaves nothing on the bus or in
 * the table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookRoutesEndToEndIT {
    /** RFC 8032 test 1 seed, whose public key is the runner's development DISCORD_PUBLIC_KEY. */
    static final String DISCORD_SEED = com.communitypulse.local.send.Signer.DEV_DISCORD_SEED;

    @TempDir
    static Path outbox;
    static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = Deliveries.startSystem(outbox, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
    }

    static HttpResponse<String> post(String route, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url() + "/webhooks/" + route))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return Deliveries.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> github(String event, String delivery, byte[] body, String contentType) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", delivery);
        h.put("X-GitHub-Hook-ID", "99");
        h.put("X-Hub-Signature-256", Deliveries.githubSignature("dev-github-secret", body));
        return h;
    }

    static Map<String, String> slack(byte[] body, long ts) throws Exception {
        return Map.of("Content-Type", "application/json", "X-Slack-Request-Timestamp", Long.toString(ts),
                "X-Slack-Signature", "v0=" + Traffic.hmacHex("dev-slack-secret",
                        ("v0:" + ts + ":" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> discord(byte[] body, long ts) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                HexFormat.of().parseHex("302e020100300506032b657004220420" + DISCORD_SEED))));
        signer.update((ts + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return Map.of("Content-Type", "application/json", "X-Signature-Timestamp", Long.toString(ts),
                "X-Signature-Ed25519", HexFormat.of().formatHex(signer.sign()));
    }

    static Map<String, String> discourse(byte[] body) throws Exception {
        return Map.of("Content-Type", "application/json", "X-Discourse-Instance", "https://forum.example.org",
                "X-Discourse-Event-Id", "41", "X-Discourse-Event-Type", "post", "X-Discourse-Event", "post_created",
                "X-Discourse-Event-Signature", "sha256=" + Traffic.hmacHex("dev-discourse-secret", body));
    }

    static Map<String, String> community(byte[] body, long ts) throws Exception {
        byte[] prefix = (ts + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return Map.of("Content-Type", "application/json", "X-Signature-Timestamp", Long.toString(ts),
                "X-Signature", Traffic.hmacHex("dev-community-secret", message));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static final byte[] DISCOURSE_POST = ("{\"post\":{\"id\":7001,\"user_id\":42,\"username\":\"dora\",\"post_number\":2,"
            + "\"topic_id\":310,\"topic_slug\":\"help\",\"raw\":\"Try restarting the runner\",\"created_at\":\"2026-11-20T10:00:00.000Z\","
            + "\"updated_at\":\"2026-11-20T10:00:00.000Z\",\"category_id\":4,\"topic_archetype\":\"regular\"}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] DISCORD_KUDOS = ("{\"application_id\":\"1181190290211438592\",\"channel_id\":\"1181190747898089502\","
            + "\"data\":{\"id\":\"1181197425024294912\",\"name\":\"kudos\",\"options\":[{\"name\":\"to\",\"type\":6,\"value\":\"80351110224678912\"}],\"type\":1},"
            + "\"guild_id\":\"1181190747898089500\",\"id\":\"1307004321012342784\",\"member\":{\"user\":{\"id\":\"53908232506183680\","
            + "\"username\":\"mason\"}},\"token\":\"tok\",\"type\":2,\"version\":1}").getBytes(StandardCharsets.UTF_8);
    static final byte[] COMMUNITY_ACTION = ("{\"event\":\"community.action\",\"id\":\"meetup-2026-11-talk-ana\",\"actor\":\"custom:ana\","
            + "\"actor_login\":\"ana\",\"actor_kind\":\"user\",\"context\":{\"platform\":\"custom\",\"type\":\"docs_edited\","
            + "\"repo\":\"community-site\"},\"timestamp\":\"2026-11-20T18:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

    static byte[] slackMessage(String eventId) {
        return ("{\"token\":\"x\",\"team_id\":\"T0E2E\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"" + eventId
                + "\",\"event_time\":" + now() + ",\"event\":{\"type\":\"message\",\"user\":\"U42\",\"channel\":\"C1\",\"text\":\"hi\","
                + "\"ts\":\"" + now() + ".000100\",\"channel_type\":\"channel\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void everyRouteAcceptsWhatItsPlatformSendsAndAnswersHandshakes() throws Exception {
        byte[] issue = Deliveries.githubSample("issues.opened.json");
        assertEquals(202, post("github", github("issues", "e2e-json", issue, "application/json"), issue).statusCode());
        byte[] form = ("payload=" + URLEncoder.encode(new String(Deliveries.githubSample("issue_comment.created.json"),
                StandardCharsets.UTF_8), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertEquals(202, post("github", github("issue_comment", "e2e-form", form, "application/x-www-form-urlencoded"), form)
                .statusCode(), "GitHub's default content type is form-encoded");
        assertEquals(202, post("discourse", discourse(DISCOURSE_POST), DISCOURSE_POST).statusCode());
        byte[] slack = slackMessage("EvE2E1");
        assertEquals(202, post("slack", slack(slack, now()), slack).statusCode());
        assertEquals(202, post("community", community(COMMUNITY_ACTION, now()), COMMUNITY_ACTION).statusCode());
        HttpResponse<String> kudos = post("discord", discord(DISCORD_KUDOS, now()), DISCORD_KUDOS);
        assertEquals(200, kudos.statusCode(), kudos.body());
        assertEquals(4, Json.mapper().readTree(kudos.body()).get("type").asInt(), "a visible reply at once: " + kudos.body());

        byte[] ping = Deliveries.githubSample("ping.json");
        assertEquals(200, post("github", github("ping", "e2e-ping", ping, "application/json"), ping).statusCode());
        byte[] discordPing = "{\"id\":\"1\",\"token\":\"t\",\"type\":1,\"version\":1}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> pong = post("discord", discord(discordPing, now()), discordPing);
        assertEquals("{\"type\":1}", pong.body().replace(" ", ""));
        byte[] challenge = "{\"type\":\"url_verification\",\"token\":\"x\",\"challenge\":\"3eZbrw1aB\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(post("slack", slack(challenge, now()), challenge).body().contains("3eZbrw1aB"));

        assertTrue(system.awaitIdle(60_000));
        assertEquals(6, webhookEvents(), "six deliveries on the bus, handshakes never");
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
        assertEquals(200, Deliveries.get(system.url(), "/contributors/discourse:forum.example.org:42").statusCode());
        assertEquals(200, Deliveries.get(system.url(), "/contributors/slack:T0E2E:U42").statusCode());
        assertEquals(200, Deliveries.get(system.url(), "/contributors/custom:ana").statusCode());
        assertEquals(200, Deliveries.get(system.url(), "/contributors/discord:53908232506183680").statusCode());
    }

    @Test
    @Order(2)
    void everyBadInputGetsItsStatusAndLeavesNoTrace() throws Exception {
        long eventsBefore = webhookEvents();
        int itemsBefore = tableItems();
        byte[] issue = Deliveries.githubSample("issues.opened.json");
        byte[] changed = issue.clone();
        changed[10] ^= 1;
        long stale = now() - 600;
        byte[] slack = slackMessage("EvE2EStale");

        Map<String, HttpResponse<String>> rows = new LinkedHashMap<>();
        Map<String, String> wrong = github("issues", "e2e-bad-1", issue, "application/json");
        wrong.put("X-Hub-Signature-256", Deliveries.githubSignature("not-the-secret", issue));
        rows.put("401 wrong signature", post("github", wrong, issue));
        rows.put("401 one byte changed", post("github", github("issues", "e2e-bad-2", issue, "application/json"), changed));
        Map<String, String> missing = github("issues", "e2e-bad-3", issue, "application/json");
        missing.remove("X-Hub-Signature-256");
        rows.put("401 missing signature", post("github", missing, issue));
        rows.put("401 slack outside the window", post("slack", slack(slack, stale), slack));
        rows.put("401 discord outside the window", post("discord", discord(DISCORD_KUDOS, stale), DISCORD_KUDOS));
        rows.put("401 custom outside the window", post("community", community(COMMUNITY_ACTION, stale), COMMUNITY_ACTION));
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
        rows.put("400 valid signature, not JSON", post("github", github("issues", "e2e-bad-4", notJson, "application/json"), notJson));
        byte[] wrongShape = "{\"type\":\"event_callback\"}".getBytes(StandardCharsets.UTF_8);
        rows.put("400 valid signature, wrong shape", post("slack", slack(wrongShape, now()), wrongShape));
        rows.put("404 unknown platform", post("gitlab", github("issues", "e2e-bad-5", issue, "application/json"), issue));
        byte[] big = ("{\"zen\":\"" + "z".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        rows.put("413 over 1 MiB", post("github", github("ping", "e2e-bad-6", big, "application/json"), big));
        rows.put("415 unsupported content type", post("github", github("issues", "e2e-bad-7", issue, "text/plain"), issue));

        for (Map.Entry<String, HttpResponse<String>> row : rows.entrySet()) {
            int expected = Integer.parseInt(row.getKey().substring(0, 3));
            HttpResponse<String> response = row.getValue();
            assertEquals(expected, response.statusCode(), row.getKey() + ": " + response.body());
            JsonNode body = Json.mapper().readTree(response.body());
            assertTrue(body.hasNonNull("reason") || body.hasNonNull("message"), row.getKey() + " has a JSON reason: " + response.body());
        }
        HttpResponse<String> again = post("github", github("issues", "e2e-json", issue, "application/json"), issue);
        assertEquals(200, again.statusCode());
        assertEquals("duplicate", Json.mapper().readTree(again.body()).get("status").asText());

        assertTrue(system.awaitIdle(30_000));
        assertEquals(eventsBefore, webhookEvents(), "nothing rejected or repeated reached the bus");
        assertEquals(itemsBefore, tableItems(), "nothing rejected or repeated reached the table");
    }

    static long webhookEvents() {
        return system.publishedEvents().stream()
                .filter(e -> e.path("source").asText().equals("community-pulse.webhook")).count();
    }

    static int tableItems() {
        return system.dynamo().scan(r -> r.tableName(system.tableName("ContributorTable"))).count();
    }
}
