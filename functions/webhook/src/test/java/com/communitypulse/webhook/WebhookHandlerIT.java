package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.webhook.domain.DetailProjection;
import com.communitypulse.webhook.domain.WebhookService;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Lambda handler on API Gateway proxy events, including the committed samples in {@code events/}. */
class WebhookHandlerIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();
    final RecordingPublisher publisher = new RecordingPublisher();

    WebhookHandler handler(Clock clock) {
        return new WebhookHandler(new WebhookService(new EnvSecretSource(new Env(PlatformSigner.devSecrets())),
                new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()), publisher, new RecordingMetrics(),
                new DetailProjection(), clock));
    }

    /** A committed sample of {@code events/}, from the class path (the test kit carries them). */
    static APIGatewayProxyRequestEvent sample(String name) {
        return EventLoader.loadApiGatewayRestEvent("events/" + name);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("webhook-github-pull-request-opened.json", 202, "github.pull_request"),
                Arguments.of("webhook-github-issues-opened-form.json", 202, "github.issues"),
                Arguments.of("webhook-github-ping.json", 200, null),
                Arguments.of("webhook-discourse-post-created.json", 202, "discourse.post_created"),
                Arguments.of("webhook-slack-message.json", 202, "slack.message"),
                Arguments.of("webhook-discord-kudos.json", 200, "discord.command.kudos"),
                Arguments.of("webhook-community-action.json", 202, "custom.action"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyCommittedSampleVerifiesWithTheDevelopmentSecretsAtItsSigningTime(String file, int status, String detailType) {
        Clock signingTime = Clock.fixed(Instant.ofEpochSecond(SampleEvents.SIGNED_AT), ZoneOffset.UTC);

        APIGatewayProxyResponseEvent response = handler(signingTime).handleRequest(sample(file), null);

        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        if (detailType == null) {
            assertTrue(publisher.events().isEmpty());
        } else {
            assertEquals(1, publisher.events().size());
            assertEquals(detailType, publisher.events().get(0).detailType());
        }
    }

    /** A copy racing its first answers 409 with Retry-After through API Gateway's proxy response. */
    @Test
    void aCopyInProgressCarriesRetryAfterToApiGateway() {
        Clock signingTime = Clock.fixed(Instant.ofEpochSecond(SampleEvents.SIGNED_AT), ZoneOffset.UTC);
        APIGatewayProxyRequestEvent event = sample("webhook-slack-message.json");
        new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()).claim("slack", slackEventId(event), "first", signingTime.instant());

        APIGatewayProxyResponseEvent response = handler(signingTime).handleRequest(event, null);

        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("20", response.getHeaders().get("Retry-After"));
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertFalse(response.getHeaders().containsKey("X-Slack-No-Retry"));
        assertTrue(publisher.events().isEmpty());
    }

    private static String slackEventId(APIGatewayProxyRequestEvent event) {
        try {
            return Json.mapper().readTree(event.getBody()).path("event_id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void timestampedSamplesAreStaleOnARealClock() throws Exception {
        for (String file : List.of("webhook-slack-message.json", "webhook-discord-kudos.json", "webhook-community-action.json")) {
            APIGatewayProxyResponseEvent response = handler(Clock.systemUTC()).handleRequest(sample(file), null);
            assertEquals(401, response.getStatusCode(), file);
            assertEquals("stale_timestamp", Json.mapper().readTree(response.getBody()).path("reason").asText(), file);
        }
        assertTrue(publisher.events().isEmpty());
    }

    @Test
    void multiValueHeadersAndABase64BodyAreUnderstood() {
        APIGatewayProxyRequestEvent event = sample("webhook-github-pull-request-opened.json");
        Map<String, List<String>> multi = new java.util.HashMap<>();
        event.getHeaders().forEach((name, value) -> multi.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
        event.setHeaders(null);
        event.setMultiValueHeaders(multi);
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = handler(Clock.systemUTC()).handleRequest(event, null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(1, publisher.events().size());
    }

    @Test
    void noPlatformPathParameterIsA404() throws Exception {
        APIGatewayProxyRequestEvent event = sample("webhook-github-ping.json");
        event.setPathParameters(null);

        APIGatewayProxyResponseEvent response = handler(Clock.systemUTC()).handleRequest(event, null);

        assertEquals(404, response.getStatusCode());
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertEquals("unknown_platform", body.path("reason").asText());
    }

    @Test
    void discordWebhookEventPingGets204WithNoBodyAndNoContentType() {
        String body = "{\"version\":1,\"application_id\":\"1\",\"type\":0}";
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withPathParameters(Map.of("platform", "discord"))
                .withHeaders(PlatformSigner.discord(PlatformSigner.DEV_DISCORD_SEED, Instant.now().getEpochSecond(), body))
                .withBody(body);

        APIGatewayProxyResponseEvent response = handler(Clock.systemUTC()).handleRequest(event, null);

        assertEquals(204, response.getStatusCode());
        assertEquals("", response.getBody());
        assertFalse(response.getHeaders().containsKey("Content-Type"));
    }

    @Test
    void anUnexpectedFailureIsA500WithAJsonReasonNotAnUncaughtException() throws Exception {
        WebhookHandler broken = new WebhookHandler(new WebhookService(name -> {
            throw new IllegalStateException("defect");
        }, new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name()), publisher, new RecordingMetrics()));

        APIGatewayProxyResponseEvent response = broken.handleRequest(sample("webhook-github-ping.json"), null);

        assertEquals(500, response.getStatusCode());
        assertEquals("internal_error", Json.mapper().readTree(response.getBody()).path("reason").asText());
        assertTrue(publisher.events().isEmpty());
    }
}
