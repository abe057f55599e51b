package com.communitypulse.shared.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * PutEvents over the wire, against an HTTP stand-in for EventBridge: partial failures
 * ({@code FailedEntryCount > 0}) are re-sent entry by entry, batches respect the 10-entry limit,
 * and entries that keep failing end in an exception, never a silent loss.
 */
class EventBridgePublisherTest {
    private MockWebServer server;
    private EventBridgePublisher publisher;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        Env env = new Env(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b",
                "AWS_ENDPOINT_URL_EVENTBRIDGE", server.url("/").toString()));
        publisher = new EventBridgePublisher(AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE")
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD))
                .build(), "pulse-bus");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static MockResponse answer(String json) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-amz-json-1.1").body(json).build();
    }

    private static List<BusEvent> events(int n) {
        List<BusEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new BusEvent("community-pulse.test", "thing", "{\"n\":" + i + "}"));
        }
        return events;
    }

    private static JsonNode entries(RecordedRequest request) throws Exception {
        return Json.mapper().readTree(request.getBody().utf8()).get("Entries");
    }

    @Test
    void onlyTheFailedEntriesAreSentAgain() throws Exception {
        server.enqueue(answer("{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e0\"},"
                + "{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"slow down\"},{\"EventId\":\"e2\"}]}"));
        server.enqueue(answer("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e1\"}]}"));

        publisher.publish(events(3));

        RecordedRequest first = server.takeRequest();
        assertEquals("AWSEvents.PutEvents", first.getHeaders().get("X-Amz-Target"));
        JsonNode firstEntries = entries(first);
        assertEquals(3, firstEntries.size());
        assertEquals("pulse-bus", firstEntries.get(0).get("EventBusName").asText());
        JsonNode retried = entries(server.takeRequest());
        assertEquals(1, retried.size());
        assertEquals("{\"n\":1}", retried.get(0).get("Detail").asText());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void entriesThatKeepFailingThrowInsteadOfVanishing() {
        for (int i = 0; i < EventBridgePublisher.ATTEMPTS; i++) {
            server.enqueue(answer("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"boom\"}]}"));
        }
        PublishException error = assertThrows(PublishException.class, () -> publisher.publish(events(1)));
        assertTrue(error.getMessage().contains("InternalFailure"), error.getMessage());
        assertEquals(EventBridgePublisher.ATTEMPTS, server.getRequestCount());
    }

    @Test
    void batchesHoldAtMostTenEntries() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(answer("{\"FailedEntryCount\":0,\"Entries\":[]}"));
        }
        publisher.publish(events(23));
        assertEquals(10, entries(server.takeRequest()).size());
        assertEquals(10, entries(server.takeRequest()).size());
        assertEquals(3, entries(server.takeRequest()).size());
    }

    @Test
    void eachEntryCarriesTheInvocationsTraceHeaderSoTargetsKeepTheApisSamplingDecision() throws Exception {
        String header = "Root=1-6750a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0";
        EventBridgePublisher traced = new EventBridgePublisher(clientFor(server), "pulse-bus", () -> header);
        server.enqueue(answer("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"1\"},{\"EventId\":\"2\"}]}"));
        traced.publish(events(2));
        JsonNode sent = entries(server.takeRequest());
        assertEquals(2, sent.size());
        sent.forEach(entry -> assertEquals(header, entry.path("TraceHeader").asText()));

        server.enqueue(answer("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"3\"}]}"));
        new EventBridgePublisher(clientFor(server), "pulse-bus", () -> null).publish(events(1));
        assertTrue(entries(server.takeRequest()).get(0).path("TraceHeader").isMissingNode(), "no header outside a trace");
    }

    private static EventBridgeClient clientFor(MockWebServer server) {
        return EventBridgeClient.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
                .endpointOverride(java.net.URI.create(server.url("/").toString())).build();
    }
}
