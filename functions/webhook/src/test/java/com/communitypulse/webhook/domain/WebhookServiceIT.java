package com.communitypulse.webhook.domain;

import static com.communitypulse.webhook.PlatformSigner.DEV_COMMUNITY_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_DISCORD_SEED;
import static com.communitypulse.webhook.PlatformSigner.DEV_DISCOURSE_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_GITHUB_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_SLACK_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.webhook.PlatformSigner;
import com.communitypulse.webhook.RecordingMetrics;
import com.communitypulse.webhook.SampleEvents;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.store.DeliveryClaimStore;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Accepted deliveries, handshakes, duplicates and failures of the bus and the table, on DynamoDB Local. */
class WebhookServiceIT {
    static final Instant NOW = Instant.ofEpochSecond(SampleEvents.SIGNED_AT);
    static final long TS = NOW.getEpochSecond();

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    final RecordingPublisher publisher = new RecordingPublisher();
    final RecordingMetrics metrics = new RecordingMetrics();
    WebhookService service;

    @BeforeEach
    void newService() {
        Map<String, String> secrets = new HashMap<>(PlatformSigner.devSecrets());
        // rotation: the retired secret is still listed, so both verify
        secrets.put("GITHUB_WEBHOOK_SECRET", "retired-github-secret\n" + DEV_GITHUB_SECRET);
        service = serviceWith(secrets, new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()));
    }

    WebhookService serviceWith(Map<String, String> secrets, DeliveryClaimStore claims) {
        return new WebhookService(new EnvSecretSource(new Env(secrets)), claims, publisher, metrics,
                new DetailProjection(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }

    WebhookResponse post(String route, Map<String, String> headers, String body) {
        return service.handle(new WebhookRequest(route, headers, body, false, "req-" + unique()));
    }

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    JsonNode onlyDetail(String detailType) throws Exception {
        assertEquals(1, publisher.events().size(), "exactly one event published");
        BusEvent event = publisher.events().get(0);
        assertEquals(Sources.WEBHOOK, event.source());
        assertEquals(detailType, event.detailType());
        return json(event.detail());
    }

    Map<String, AttributeValue> claim(String pk) {
        return TABLE.client().getItem(get -> get.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of(TableKeys.PK, AttributeValue.builder().s(pk).build(),
                        TableKeys.SK, AttributeValue.builder().s("DELIVERY").build()))).item();
    }

    static String pr(int number) {
        return "{\"action\":\"opened\",\"number\":" + number + ",\"pull_request\":{\"id\":" + number
                + ",\"title\":\"Fix the docs\",\"user\":{\"id\":583231,\"login\":\"octocat\",\"type\":\"User\"}},"
                + "\"repository\":{\"full_name\":\"octo-org/hello-world\"},\"sender\":{\"id\":583231,\"login\":\"octocat\"}}";
    }

    @Test
    void gitHubJsonDeliveryIsPublishedAsRawDeliveryAndClaimedForSevenDays() throws Exception {
        String delivery = unique();
        String body = pr(7);

        WebhookResponse response = post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body), body);

        assertEquals(202, response.status(), response.body());
        assertEquals("accepted", json(response.body()).path("status").asText());
        JsonNode detail = onlyDetail("github.pull_request");
        assertEquals("github", detail.path("platform").asText());
        assertEquals("pull_request", detail.path("event").asText());
        assertEquals(delivery, detail.path("delivery_id").asText());
        assertEquals("2026-11-20T10:00:00Z", detail.path("received_at").asText());
        assertEquals("123456789", detail.path("headers").path("x-github-hook-id").asText());
        assertEquals(delivery, detail.path("headers").path("x-github-delivery").asText());
        assertEquals("1296269", detail.path("headers").path("x-github-hook-installation-target-id").asText());
        assertEquals(json(body), detail.path("payload"));
        Map<String, AttributeValue> item = claim("DELIVERY#github#123456789#" + delivery);
        assertFalse(item.isEmpty(), "the delivery is claimed");
        assertEquals(Long.toString(TS + 7 * 24 * 3600), item.get("expires_at").n());
        assertEquals("done", item.get("state").s(), "confirmed once on the bus");
        assertEquals(List.of("accepted github"), metrics.recorded);
    }

    @Test
    void gitHubFormEncodedDeliveryPublishesTheJsonOfItsPayloadField() throws Exception {
        String payload = pr(8);
        String form = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        Map<String, String> headers = PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), form);
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        assertEquals(202, post("github", headers, form).status());
        assertEquals(json(payload), onlyDetail("github.pull_request").path("payload"));
    }

    @Test
    void gitHubPingIsAnsweredAndNeverPublishedOrClaimed() throws Exception {
        String body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":123456789,\"hook\":{\"type\":\"Repository\"}}";
        int items = TABLE.items().size();

        WebhookResponse response = post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "ping", unique(), body), body);

        assertEquals(200, response.status());
        assertEquals("pong", json(response.body()).path("status").asText());
        assertTrue(publisher.events().isEmpty());
        assertEquals(items, TABLE.items().size());
    }

    @Test
    void theSameGitHubDeliveryAgainIsADuplicatePublishedOnce() throws Exception {
        String delivery = unique();
        String body = pr(9);
        Map<String, String> headers = PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body);

        assertEquals(202, post("github", headers, body).status());
        WebhookResponse again = post("github", headers, body);

        assertEquals(200, again.status());
        assertEquals("duplicate", json(again.body()).path("status").asText());
        assertEquals(1, publisher.events().size());
        assertEquals(List.of("accepted github", "duplicates github"), metrics.recorded);
    }

    @Test
    void theSameGitHubDeliveryToAnotherHookIsNotADuplicate() {
        String delivery = unique();
        String body = pr(10);
        Map<String, String> first = PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body);
        Map<String, String> second = new HashMap<>(first);
        second.put("X-GitHub-Hook-ID", "987654321");

        assertEquals(202, post("github", first, body).status());
        assertEquals(202, post("github", second, body).status());
        assertEquals(2, publisher.events().size());
    }

    @Test
    void aRetiredSecretStillListedVerifiesDuringRotation() {
        String body = pr(11);
        assertEquals(202, post("github", PlatformSigner.github("retired-github-secret", "pull_request", unique(), body), body).status());
        assertEquals(202, post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), body), body).status());
        assertEquals(2, publisher.events().size());
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        String body = pr(12);
        Map<String, String> lower = new TreeMap<>();
        PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), body)
                .forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, String> upper = new TreeMap<>();
        PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), body)
                .forEach((name, value) -> upper.put(name.toUpperCase(Locale.ROOT), value));

        assertEquals(202, post("github", lower, body).status());
        assertEquals(202, post("github", upper, body).status());
    }

    @Test
    void aBase64BodyFromApiGatewayIsVerifiedOverItsDecodedBytes() throws Exception {
        String body = pr(13).replace("Fix the docs", "Fix the docs \u2014 caf\u00e9 \uD83C\uDF89");
        Map<String, String> headers = PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), body);
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));

        WebhookResponse response = service.handle(new WebhookRequest("github", headers, encoded, true, "req-b64"));

        assertEquals(202, response.status(), response.body());
        assertEquals("Fix the docs \u2014 caf\u00e9 \uD83C\uDF89",
                onlyDetail("github.pull_request").path("payload").path("pull_request").path("title").asText());
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsAcceptedAndProjectedUnderTheBusLimit() throws Exception {
        String prefix = "{\"action\":\"edited\",\"issue\":{\"id\":1,\"body\":\"";
        String suffix = "\"}}";
        String body = prefix + "y".repeat(WebhookService.MAX_BODY_BYTES - prefix.length() - suffix.length()) + suffix;
        assertEquals(WebhookService.MAX_BODY_BYTES, body.getBytes(StandardCharsets.UTF_8).length);

        WebhookResponse response = post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "issues", unique(), body), body);

        assertEquals(202, response.status(), response.body());
        String detail = publisher.events().get(0).detail();
        assertTrue(detail.getBytes(StandardCharsets.UTF_8).length <= DetailProjection.DEFAULT_LIMIT_BYTES);
        JsonNode issue = json(detail).path("payload").path("issue");
        assertEquals(DetailProjection.MAX_STRING, issue.path("body").asText().length());
        assertEquals(WebhookService.MAX_BODY_BYTES - prefix.length() - suffix.length(), issue.path("body__length").asInt());
    }

    @Test
    void aFailedPublishReleasesTheClaimAnswers503AndTheRetryIsAccepted() throws Exception {
        String delivery = unique();
        String body = pr(14);
        Map<String, String> headers = PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body);
        publisher.failNext(1);

        WebhookResponse failed = post("github", headers, body);

        assertEquals(503, failed.status());
        assertEquals("bus_unavailable", json(failed.body()).path("reason").asText());
        assertTrue(claim("DELIVERY#github#123456789#" + delivery).isEmpty(), "the claim is given back");

        assertEquals(202, post("github", headers, body).status());
        assertEquals(1, publisher.events().size());
    }

    @Test
    void aDeliveryBeingPublishedByAnotherInvocationIsRetryableUntilItIsPublished() throws Exception {
        String delivery = unique();
        String body = pr(16);
        DynamoDbDeliveryClaimStore claims = new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name());
        assertEquals(DeliveryClaimStore.Outcome.CLAIMED, claims.claim("github", "123456789#" + delivery, delivery, NOW.minusSeconds(5)));

        WebhookResponse response = post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body), body);

        assertEquals(409, response.status());
        assertEquals("in_progress", json(response.body()).path("reason").asText());
        assertEquals("20", response.headers().get("Retry-After"));
        assertTrue(publisher.events().isEmpty());
    }

    @Test
    void aClaimAbandonedByADeadInvocationIsTakenOverAfterAMinute() throws Exception {
        String delivery = unique();
        String body = pr(17);
        DynamoDbDeliveryClaimStore claims = new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name());
        assertEquals(DeliveryClaimStore.Outcome.CLAIMED, claims.claim("github", "123456789#" + delivery, delivery,
                NOW.minus(DynamoDbDeliveryClaimStore.ABANDONED_AFTER).minusSeconds(1)));

        WebhookResponse response = post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body), body);

        assertEquals(202, response.status(), response.body());
        assertEquals(1, publisher.events().size());
        assertEquals("done", claim("DELIVERY#github#123456789#" + delivery).get("state").s());
    }

    @Test
    void anExpiredClaimNotYetRemovedByTtlNoLongerCounts() {
        String delivery = unique();
        String body = pr(18);
        DynamoDbDeliveryClaimStore claims = new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name());
        Instant eightDaysAgo = NOW.minus(java.time.Duration.ofDays(8));
        assertEquals(DeliveryClaimStore.Outcome.CLAIMED, claims.claim("github", "123456789#" + delivery, delivery, eightDaysAgo));
        claims.confirm("github", "123456789#" + delivery, eightDaysAgo);

        assertEquals(202, post("github", PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", delivery, body), body).status());
    }

    @Test
    void anUnreachableTableAnswers503AndPublishesNothing() throws Exception {
        WebhookService broken = serviceWith(PlatformSigner.devSecrets(),
                new DynamoDbDeliveryClaimStore(TABLE.client(), "no-such-table"));
        String body = pr(15);

        WebhookResponse response = broken.handle(new WebhookRequest("github",
                PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", unique(), body), body, false, "req-x"));

        assertEquals(503, response.status());
        assertEquals("store_unavailable", json(response.body()).path("reason").asText());
        assertTrue(publisher.events().isEmpty());
    }

    // --- Discourse

    static String post(int id, int version, String raw) {
        return "{\"post\":{\"id\":" + id + ",\"user_id\":42,\"username\":\"ada\",\"post_number\":2,\"topic_id\":204,"
                + "\"raw\":\"" + raw + "\",\"updated_at\":\"2026-11-20T09:0" + version + ":00Z\",\"version\":" + version + "}}";
    }

    @Test
    void discoursePostIsPublishedWithItsHeaders() throws Exception {
        String body = post(501, 1, "Thanks!");

        WebhookResponse response = post("discourse",
                PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "3187", body), body);

        assertEquals(202, response.status(), response.body());
        JsonNode detail = onlyDetail("discourse.post_created");
        assertEquals("discourse", detail.path("platform").asText());
        assertEquals("3187", detail.path("delivery_id").asText());
        assertEquals("https://forum.example.org", detail.path("headers").path("x-discourse-instance").asText());
        assertEquals("post", detail.path("headers").path("x-discourse-event-type").asText());
        assertEquals("3187", detail.path("headers").path("x-discourse-event-id").asText());
        assertEquals(json(body), detail.path("payload"));
    }

    @Test
    void aSignedDiscourseBodyReplayedWithAForgedInstanceHeaderIsADuplicate() throws Exception {
        // Discourse signs only the body (X-Discourse-Event-Signature); X-Discourse-Instance is not covered
        String body = post(503, 1, "Hello");
        assertEquals(202, post("discourse", PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "4101", body), body).status());

        Map<String, String> forged = new java.util.LinkedHashMap<>(
                PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "4102", body));
        forged.put("X-Discourse-Instance", "https://attacker.example");
        WebhookResponse replay = post("discourse", forged, body);

        assertEquals(200, replay.status(), replay.body());
        assertEquals("duplicate", json(replay.body()).path("status").asText());
        assertEquals(1, publisher.events().size(), "the replay is not published as a new delivery");
    }

    @Test
    void aDiscourseRetryWithANewEventIdIsADuplicateButAnEditIsNot() throws Exception {
        String body = post(502, 1, "First");
        assertEquals(202, post("discourse", PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "4001", body), body).status());

        WebhookResponse retry = post("discourse", PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "4002", body), body);
        assertEquals(200, retry.status());
        assertEquals("duplicate", json(retry.body()).path("status").asText());

        String edited = post(502, 2, "First, edited");
        assertEquals(202, post("discourse", PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_edited", "post", "4003", edited), edited).status());
        assertEquals(2, publisher.events().size());
    }

    @Test
    void discoursePingIsAnsweredAndNotPublished() throws Exception {
        String body = "{\"ping\":\"OK\"}";
        WebhookResponse response = post("discourse", PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "ping", "ping", "1", body), body);
        assertEquals(200, response.status());
        assertTrue(publisher.events().isEmpty());
    }

    // --- Discord

    @Test
    void discordPingIsAnsweredWithType1() throws Exception {
        String body = "{\"application_id\":\"1\",\"id\":\"787053080478613555\",\"token\":\"t\",\"type\":1,\"version\":1}";
        WebhookResponse response = post("discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, body), body);
        assertEquals(200, response.status());
        assertEquals(json("{\"type\":1}"), json(response.body()));
        assertTrue(publisher.events().isEmpty());
    }

    @Test
    void discordWebhookEventPingIsAnswered204WithAnEmptyBody() {
        String body = "{\"version\":1,\"application_id\":\"1234560123453231555\",\"type\":0}";
        WebhookResponse response = post("discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, body), body);
        assertEquals(204, response.status());
        assertEquals("", response.body());
        assertTrue(publisher.events().isEmpty());
    }

    static String kudos(String id, String reason) {
        return "{\"id\":\"" + id + "\",\"token\":\"tok\",\"type\":2,\"guild_id\":\"9\",\"channel_id\":\"8\","
                + "\"member\":{\"user\":{\"id\":\"53908232506183680\",\"username\":\"mason\"}},"
                + "\"data\":{\"id\":\"5\",\"name\":\"kudos\",\"type\":1,\"options\":[{\"name\":\"to\",\"type\":6,\"value\":\"80351110224678912\"},"
                + "{\"name\":\"for\",\"type\":3,\"value\":\"" + reason + "\"}]},\"version\":1}";
    }

    @Test
    void discordKudosIsRepliedToAtOnceVisiblyAndPublished() throws Exception {
        String body = kudos("1307004321012342001", "great docs @everyone");

        WebhookResponse response = post("discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, body), body);

        assertEquals(200, response.status(), response.body());
        JsonNode reply = json(response.body());
        assertEquals(4, reply.path("type").asInt());
        String content = reply.path("data").path("content").asText();
        assertTrue(content.contains("<@80351110224678912>") && content.contains("great docs"), content);
        assertFalse(reply.path("data").has("flags"), "visible to the channel");
        assertEquals(0, reply.path("data").path("allowed_mentions").path("parse").size(), "no @everyone pings");
        JsonNode detail = onlyDetail("discord.command.kudos");
        assertEquals("command.kudos", detail.path("event").asText());
        assertEquals("1307004321012342001", detail.path("delivery_id").asText());
        assertEquals(json(body), detail.path("payload"));
    }

    @Test
    void discordLinkIsRepliedToAndPublished() throws Exception {
        String body = "{\"id\":\"1307004321012342002\",\"token\":\"tok\",\"type\":2,\"user\":{\"id\":\"53908232506183680\"},"
                + "\"data\":{\"name\":\"link\",\"options\":[{\"name\":\"github\",\"type\":3,\"value\":\"octocat\"}]}}";

        WebhookResponse response = post("discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, body), body);

        assertEquals(200, response.status());
        assertTrue(json(response.body()).path("data").path("content").asText().contains("octocat"));
        onlyDetail("discord.command.link");
    }

    @Test
    void anUnknownDiscordCommandGetsAPrivateAnswerAndIsNotPublished() throws Exception {
        String body = "{\"id\":\"1307004321012342003\",\"token\":\"tok\",\"type\":2,\"data\":{\"name\":\"weather\"}}";
        WebhookResponse response = post("discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, body), body);
        assertEquals(200, response.status());
        assertEquals(64, json(response.body()).path("data").path("flags").asInt());
        assertTrue(publisher.events().isEmpty());
    }

    @Test
    void theSameDiscordInteractionReplayedIsADuplicate() throws Exception {
        String body = kudos("1307004321012342004", "thanks");
        Map<String, String> headers = PlatformSigner.discord(DEV_DISCORD_SEED, TS, body);
        assertEquals(200, post("discord", headers, body).status());
        assertEquals("duplicate", json(post("discord", headers, body).body()).path("status").asText());
        assertEquals(1, publisher.events().size());
    }

    // --- Slack

    @Test
    void slackUrlVerificationIsAnsweredWithTheChallenge() throws Exception {
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
        WebhookResponse response = post("slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, body), body);
        assertEquals(200, response.status());
        assertEquals("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json(response.body()).path("challenge").asText());
        assertTrue(publisher.events().isEmpty());
    }

    @Test
    void slackEventIsPublishedWithTheWholeCallbackAndItsRetriesAreDuplicates() throws Exception {
        String eventId = "Ev" + unique().substring(0, 8);
        String body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"" + eventId + "\",\"event_time\":" + TS
                + ",\"event\":{\"type\":\"reaction_added\",\"user\":\"U1\",\"reaction\":\"tada\",\"item\":{\"type\":\"message\",\"channel\":\"C1\",\"ts\":\"1.2\"}}}";

        assertEquals(202, post("slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, body), body).status());
        Map<String, String> retry = PlatformSigner.slack(DEV_SLACK_SECRET, TS + 60, body);
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        WebhookResponse again = post("slack", retry, body);

        assertEquals(200, again.status());
        assertEquals("duplicate", json(again.body()).path("status").asText());
        JsonNode detail = onlyDetail("slack.reaction_added");
        assertEquals(eventId, detail.path("delivery_id").asText());
        assertEquals(json(body), detail.path("payload"));
    }

    @Test
    void slackTimestampsJustInsideTheWindowAreAccepted() {
        for (long skew : new long[] {-300, 300}) {
            String body = "{\"type\":\"event_callback\",\"event_id\":\"Ev" + unique() + "\",\"event\":{\"type\":\"team_join\",\"user\":{\"id\":\"U9\"}}}";
            assertEquals(202, post("slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS + skew, body), body).status());
        }
    }

    // --- custom sources

    @Test
    void aCommunityActionIsPublishedAsCustomActionAndDeduplicatedOnItsId() throws Exception {
        String body = "{\"event\":\"community.action\",\"id\":\"" + unique() + "\",\"actor\":\"custom:ada\","
                + "\"context\":{\"platform\":\"custom\",\"type\":\"talk_given\"},\"timestamp\":\"2026-11-19T18:30:00+01:00\"}";

        assertEquals(202, post("community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, body), body).status());
        WebhookResponse again = post("community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS + 5, body), body);

        assertEquals("duplicate", json(again.body()).path("status").asText());
        JsonNode detail = onlyDetail("custom.action");
        assertEquals("custom", detail.path("platform").asText());
        assertEquals("action", detail.path("event").asText());
        assertEquals(json(body), detail.path("payload"));
    }

    @Test
    void aCommunityActionWithoutIdIsDeduplicatedOnItsBytes() throws Exception {
        String body = "{\"actor\":\"custom:bob\",\"context\":{\"type\":\"meetup_hosted\"},\"timestamp\":\"2026-11-19T18:30:00Z\",\"n\":\"" + unique() + "\"}";
        assertEquals(202, post("community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, body), body).status());
        assertEquals(200, post("community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, body), body).status());
        String delivery = onlyDetail("custom.action").path("delivery_id").asText();
        assertEquals(64, delivery.length(), "the body's SHA-256");
        assertNotEquals("", delivery);
    }
}
