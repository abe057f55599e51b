package com.communitypulse.webhook.domain;

import static com.communitypulse.webhook.PlatformSigner.DEV_COMMUNITY_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_DISCORD_SEED;
import static com.communitypulse.webhook.PlatformSigner.DEV_DISCOURSE_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_GITHUB_SECRET;
import static com.communitypulse.webhook.PlatformSigner.DEV_SLACK_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.webhook.PlatformSigner;
import com.communitypulse.webhook.RecordingMetrics;
import com.communitypulse.webhook.SampleEvents;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import com.communitypulse.shared.config.Env;
import com.communitypulse.webhook.secrets.EnvSecretSource;

/**
 * Every kind of bad input, one row each: the status, the short reason, and that nothing of it
 * reached the bus or the de-duplication table.
 */
class WebhookServiceRejectionIT {
    static final Instant NOW = Instant.ofEpochSecond(SampleEvents.SIGNED_AT);
    static final long TS = NOW.getEpochSecond();
    /** A second, unrelated Ed25519 key (RFC 8032 TEST 2's seed): a valid signature by the wrong key. */
    static final String OTHER_DISCORD_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    final RecordingPublisher publisher = new RecordingPublisher();
    final RecordingMetrics metrics = new RecordingMetrics();
    WebhookService service;

    @BeforeEach
    void newService() {
        service = new WebhookService(new EnvSecretSource(new Env(PlatformSigner.devSecrets())),
                new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()), publisher, metrics,
                new DetailProjection(), Clock.fixed(NOW, ZoneOffset.UTC));
    }


    record Row(String route, Map<String, String> headers, String body, boolean base64, int status, String reason) {
    }

    static Arguments row(String name, String route, Map<String, String> headers, String body, int status, String reason) {
        return Arguments.of(name, new Row(route, headers, body, false, status, reason));
    }

    static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    static final String PR = "{\"action\":\"opened\",\"number\":7,\"pull_request\":{\"id\":1,\"user\":{\"id\":583231,\"login\":\"octocat\"}}}";
    static final String POST = "{\"post\":{\"id\":9,\"user_id\":4,\"username\":\"ada\",\"raw\":\"hi\",\"updated_at\":\"2026-11-20T09:00:00Z\",\"version\":1}}";
    static final String PING = "{\"id\":\"787053080478613555\",\"token\":\"tok\",\"type\":1,\"version\":1}";
    static final String SLACK = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event_time\":1,\"event\":{\"type\":\"message\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"1.2\"}}";
    static final String ACTION = "{\"event\":\"community.action\",\"id\":\"a-1\",\"actor\":\"custom:ada\",\"context\":{\"type\":\"talk_given\"},\"timestamp\":\"2026-11-19T18:30:00Z\"}";

    static Map<String, String> gh(String body) {
        return PlatformSigner.github(DEV_GITHUB_SECRET, "pull_request", "r-" + Integer.toHexString(body.hashCode()), body);
    }

    static Map<String, String> discourse(String body) {
        return PlatformSigner.discourse(DEV_DISCOURSE_SECRET, "post_created", "post", "77", body);
    }

    static Stream<Arguments> rejections() {
        String big = "{\"a\":\"" + "x".repeat(WebhookService.MAX_BODY_BYTES) + "\"}";
        String changedPr = PR.replace("\"number\":7", "\"number\":8");
        return Stream.of(
                // 401: signature missing, wrong, or over a different body
                row("github: no signature", "github", with(gh(PR), "X-Hub-Signature-256", null), PR, 401, "missing_signature"),
                row("github: wrong secret", "github", PlatformSigner.github("not-the-secret", "pull_request", "r-2", PR), PR, 401, "bad_signature"),
                row("github: body changed by one byte", "github", gh(PR), changedPr, 401, "bad_signature"),
                row("github: not sha256=<hex>", "github", with(gh(PR), "X-Hub-Signature-256", "sha1=0123"), PR, 401, "bad_signature"),
                row("github: signature not hex", "github", with(gh(PR), "X-Hub-Signature-256", "sha256=zz"), PR, 401, "bad_signature"),
                row("discourse: no signature", "discourse", with(discourse(POST), "X-Discourse-Event-Signature", null), POST, 401, "missing_signature"),
                row("discourse: body changed by one byte", "discourse", discourse(POST), POST.replace("hi", "ho"), 401, "bad_signature"),
                row("discord: no signature", "discord", with(PlatformSigner.discord(DEV_DISCORD_SEED, TS, PING), "X-Signature-Ed25519", null), PING, 401, "missing_signature"),
                row("discord: signed by another key", "discord", PlatformSigner.discord(OTHER_DISCORD_SEED, TS, PING), PING, 401, "bad_signature"),
                row("discord: body changed by one byte", "discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, PING), PING.replace("tok", "tak"), 401, "bad_signature"),
                row("discord: signature too short", "discord", with(PlatformSigner.discord(DEV_DISCORD_SEED, TS, PING), "X-Signature-Ed25519", "abcd"), PING, 401, "bad_signature"),
                row("slack: no signature", "slack", with(PlatformSigner.slack(DEV_SLACK_SECRET, TS, SLACK), "X-Slack-Signature", null), SLACK, 401, "missing_signature"),
                row("slack: wrong secret", "slack", PlatformSigner.slack("other", TS, SLACK), SLACK, 401, "bad_signature"),
                row("slack: body changed by one byte", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, SLACK), SLACK.replace("Ev1", "Ev2"), 401, "bad_signature"),
                row("community: no signature", "community", with(PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION), "X-Signature", null), ACTION, 401, "missing_signature"),
                row("community: wrong secret", "community", PlatformSigner.community("other", TS, ACTION), ACTION, 401, "bad_signature"),
                row("community: body changed by one byte", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION), ACTION.replace("a-1", "a-2"), 401, "bad_signature"),
                // 401: the signed timestamp
                row("discord: timestamp 301 s old", "discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS - 301, PING), PING, 401, "stale_timestamp"),
                row("slack: timestamp 301 s old", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS - 301, SLACK), SLACK, 401, "stale_timestamp"),
                row("slack: timestamp 301 s ahead", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS + 301, SLACK), SLACK, 401, "stale_timestamp"),
                row("slack: no timestamp", "slack", with(PlatformSigner.slack(DEV_SLACK_SECRET, TS, SLACK), "X-Slack-Request-Timestamp", null), SLACK, 401, "missing_timestamp"),
                row("community: timestamp 301 s old", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS - 301, ACTION), ACTION, 401, "stale_timestamp"),
                row("community: timestamp not a number", "community", with(PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION), "X-Signature-Timestamp", "yesterday"), ACTION, 401, "bad_timestamp"),
                row("community: signed timestamp changed", "community", with(PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION), "X-Signature-Timestamp", Long.toString(TS - 1)), ACTION, 401, "bad_signature"),
                // 400: authentic but not JSON, or not the expected shape
                row("github: signed, not JSON", "github", gh("not json"), "not json", 400, "not_json"),
                row("github: signed, JSON but an array", "github", gh("[1,2]"), "[1,2]", 400, "bad_shape"),
                row("github: signed, trailing garbage", "github", gh(PR + "x"), PR + "x", 400, "not_json"),
                row("github: signed form without payload", "github", with(gh("foo=bar"), "Content-Type", "application/x-www-form-urlencoded"), "foo=bar", 400, "bad_form"),
                row("github: signed form, payload not JSON", "github", with(gh("payload=%7Bx"), "Content-Type", "application/x-www-form-urlencoded"), "payload=%7Bx", 400, "not_json"),
                row("github: no X-GitHub-Event", "github", with(gh(PR), "X-GitHub-Event", null), PR, 400, "bad_event"),
                row("github: X-GitHub-Event not a plain name", "github", with(gh(PR), "X-GitHub-Event", "pull request!"), PR, 400, "bad_event"),
                row("github: no X-GitHub-Delivery", "github", with(gh(PR), "X-GitHub-Delivery", null), PR, 400, "missing_delivery"),
                row("discourse: signed, not JSON", "discourse", discourse("{post"), "{post", 400, "not_json"),
                row("discourse: signed, type key not an object", "discourse", discourse("{\"post\":5}"), "{\"post\":5}", 400, "bad_shape"),
                row("discourse: signed, empty object", "discourse", discourse("{}"), "{}", 400, "bad_shape"),
                row("discord: signed, not JSON", "discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, "type=1"), "type=1", 400, "not_json"),
                row("discord: signed, no type", "discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, "{\"id\":\"1\",\"token\":\"t\"}"), "{\"id\":\"1\",\"token\":\"t\"}", 400, "bad_shape"),
                row("discord: signed, component interaction", "discord", PlatformSigner.discord(DEV_DISCORD_SEED, TS, "{\"id\":\"1\",\"token\":\"t\",\"type\":3}"), "{\"id\":\"1\",\"token\":\"t\",\"type\":3}", 400, "unsupported_interaction"),
                row("slack: signed, not JSON", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, "token=x"), "token=x", 400, "not_json"),
                row("slack: signed, no type", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, "{\"event_id\":\"Ev9\"}"), "{\"event_id\":\"Ev9\"}", 400, "bad_shape"),
                row("slack: signed, event_callback without event", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, "{\"type\":\"event_callback\",\"event_id\":\"Ev9\"}"), "{\"type\":\"event_callback\",\"event_id\":\"Ev9\"}", 400, "bad_shape"),
                row("slack: signed, event_callback without event_id", "slack", PlatformSigner.slack(DEV_SLACK_SECRET, TS, "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}"), "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}", 400, "bad_shape"),
                row("community: signed, not JSON", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, "actor=ada"), "actor=ada", 400, "not_json"),
                row("community: signed, no actor", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION.replace("\"actor\"", "\"who\"")), ACTION.replace("\"actor\"", "\"who\""), 400, "bad_shape"),
                row("community: signed, no context.type", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION.replace("\"type\"", "\"kind\"")), ACTION.replace("\"type\"", "\"kind\""), 400, "bad_shape"),
                row("community: signed, timestamp not ISO-8601", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION.replace("2026-11-19T18:30:00Z", "19/11/2026")), ACTION.replace("2026-11-19T18:30:00Z", "19/11/2026"), 400, "bad_shape"),
                row("community: signed, event not community.action", "community", PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION.replace("\"community.action\"", "\"other\"")), ACTION.replace("\"community.action\"", "\"other\""), 400, "bad_shape"),
                // 404, 413, 415
                row("unknown platform", "gitlab", gh(PR), PR, 404, "unknown_platform"),
                row("github: body one byte over 1 MiB", "github", gh(big), big, 413, "too_large"),
                row("github: text/plain", "github", with(gh(PR), "Content-Type", "text/plain"), PR, 415, "unsupported_content_type"),
                row("github: no Content-Type", "github", with(gh(PR), "Content-Type", null), PR, 415, "unsupported_content_type"),
                row("slack: form-encoded (not the Events API)", "slack", with(PlatformSigner.slack(DEV_SLACK_SECRET, TS, SLACK), "Content-Type", "application/x-www-form-urlencoded"), SLACK, 415, "unsupported_content_type"),
                row("community: application/xml", "community", with(PlatformSigner.community(DEV_COMMUNITY_SECRET, TS, ACTION), "Content-Type", "application/xml"), ACTION, 415, "unsupported_content_type"),
                Arguments.of("github: base64 body over 1 MiB once decoded", new Row("github", gh(big),
                        Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8)), true, 413, "too_large")),
                Arguments.of("github: marked base64 but not base64", new Row("github", gh(PR), "{not base64}", true, 400, "bad_base64")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithItsOwnStatusAndReasonAndKeepsNothing(String name, Row row) throws Exception {
        int itemsBefore = TABLE.items().size();

        WebhookResponse response = service.handle(new WebhookRequest(row.route(), row.headers(), row.body(), row.base64(), "req-1"));

        assertEquals(row.status(), response.status(), response.body());
        JsonNode body = Json.mapper().readTree(response.body());
        assertEquals("rejected", body.path("status").asText());
        assertEquals(row.reason(), body.path("reason").asText());
        assertFalse(body.path("message").asText().isBlank(), "a short human reason");
        assertTrue(publisher.events().isEmpty(), "nothing reaches the bus");
        assertEquals(itemsBefore, TABLE.items().size(), "nothing reaches the table");
        assertEquals(1, metrics.recorded.size());
        assertTrue(metrics.recorded.get(0).startsWith("rejected ") && metrics.recorded.get(0).endsWith(" " + row.reason()),
                metrics.recorded.toString());
    }

    @Test
    void aMissingSecretIsA503NotAnAcceptance() throws Exception {
        WebhookService unconfigured = new WebhookService(new EnvSecretSource(new Env(Map.of())),
                new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()), publisher, metrics,
                new DetailProjection(), Clock.fixed(NOW, ZoneOffset.UTC));

        WebhookResponse response = unconfigured.handle(new WebhookRequest("github", gh(PR), PR, false, "req-2"));

        assertEquals(503, response.status());
        assertEquals("secret_unavailable", Json.mapper().readTree(response.body()).path("reason").asText());
        assertTrue(publisher.events().isEmpty());
        assertEquals(List.of("rejected github secret_unavailable"), metrics.recorded);
    }
}
