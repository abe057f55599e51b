package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code Env} constructor the local runner uses: real SDK clients to DynamoDB Local and to an
 * HTTP stand-in for EventBridge {@code PutEvents} (an AWS service, so only its wire is imitated).
 */
class WebhookHandlerWiringIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    static HttpServer eventBridge;
    static final List<JsonNode> putEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        eventBridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        eventBridge.createContext("/", exchange -> {
            assertEquals("AWSEvents.PutEvents", exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            putEvents.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            byte[] answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        eventBridge.start();
    }

    @AfterAll
    static void stop() {
        eventBridge.stop(0);
    }

    @Test
    void theEnvConstructorWiresSecretsTableBusAndMetrics() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(PlatformSigner.devSecrets());
        env.putAll(TABLE.env());
        env.putAll(Map.of("SECRETS_PROVIDER", "env", "EVENT_BUS_NAME", "pulse-bus",
                "AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:" + eventBridge.getAddress().getPort(),
                "POWERTOOLS_METRICS_NAMESPACE", "CommunityPulseTest"));
        WebhookHandler handler = new WebhookHandler(new Env(env));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                WebhookHandlerIT.sample("webhook-github-pull-request-opened.json"), null);
        APIGatewayProxyResponseEvent again = handler.handleRequest(
                WebhookHandlerIT.sample("webhook-github-pull-request-opened.json"), null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(1, putEvents.size(), "the duplicate is not put on the bus");
        JsonNode entry = putEvents.get(0).path("Entries").get(0);
        assertEquals("pulse-bus", entry.path("EventBusName").asText());
        assertEquals("community-pulse.webhook", entry.path("Source").asText());
        assertEquals("github.pull_request", entry.path("DetailType").asText());
        JsonNode detail = Json.mapper().readTree(entry.path("Detail").asText());
        assertEquals("2f1c8a1e-c5b6-11f0-8e9a-3e1d2c4b5a69", detail.path("delivery_id").asText());
        assertFalse(detail.path("payload").path("pull_request").isMissingNode());
        assertTrue(TABLE.items().stream().anyMatch(item ->
                item.get("pk").s().equals("DELIVERY#github#123456789#2f1c8a1e-c5b6-11f0-8e9a-3e1d2c4b5a69")));
    }
}
