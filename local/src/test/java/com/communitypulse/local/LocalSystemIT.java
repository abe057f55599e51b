package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.fixtures.BackHandler;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The runner wires any SAM template: routes, rules on the right bus, retries, dead letters, schedules, SES. */
class LocalSystemIT {
    @TempDir
    static Path outbox;
    static LocalSystem system;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(LocalSystemIT.class.getResource("/runner-test-template.yaml").toURI());
        system = LocalSystem.start(new LocalSystem.Options(0, null, outbox, template, Map.of(), Map.of(), false, true, java.util.function.UnaryOperator.identity()));
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
    }

    @BeforeEach
    void clear() {
        BackHandler.RECEIVED.clear();
    }

    @Test
    void healthAnswersOnceStarted() throws Exception {
        assertEquals(200, get("/_local/health").statusCode());
    }

    @Test
    void apiRouteInvokesItsFunctionWhoseEventReachesOnlyTheMatchingRuleOnItsBus() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/things/widget?q=1"))
                .header("X-Signature", "abc").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode body = Json.mapper().readTree(response.body());
        assertEquals("widget", body.get("name").asText());
        assertEquals("hello", body.get("greeting").asText(), "template parameter default reaches the environment");
        assertEquals("1", body.get("q").asText());
        assertEquals("abc", body.get("signature").asText());
        assertTrue(system.awaitIdle(10_000));
        assertEquals(1, system.dynamo().scan(r -> r.tableName("Table")).count());
        assertEquals(1, BackHandler.RECEIVED.size(), "only the rule on the custom bus matches: " + BackHandler.RECEIVED);
        BackHandler.Received received = BackHandler.RECEIVED.get(0);
        assertEquals("BackFunction", received.function());
        assertEquals("thing.created", received.event().get("detail-type"));
        assertEquals("test.front", received.event().get("source"));
        assertEquals("widget", ((Map<?, ?>) received.event().get("detail")).get("name"));
    }

    @Test
    void aFailingTargetIsRetriedThenKeptAsADeadLetter() throws Exception {
        int before = system.deadLetters().size();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/things/fail"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode());
        assertTrue(system.awaitIdle(10_000));
        assertEquals(1 + LocalBus.LOCAL_RETRIES, BackHandler.RECEIVED.size());
        List<DeadLetter> dead = system.deadLetters();
        assertEquals(before + 1, dead.size());
        assertEquals("BackFunction", dead.get(dead.size() - 1).functionId());
        assertTrue(dead.get(dead.size() - 1).error().contains("told to fail"));
    }

    @Test
    void unknownRoutesAnswer404AndOversizedBodies413() throws Exception {
        assertEquals(404, get("/nothing/here").statusCode());
        byte[] big = new byte[HttpFront.API_GATEWAY_MAX_BODY + 10];
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/things/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @Test
    void putEventsReportsOversizedEntriesAsFailedLikeEventBridge() {
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(URI.create(system.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            String huge = "{\"x\":\"" + "y".repeat(LocalBus.MAX_ENTRY_BYTES) + "\"}";
            PutEventsResponse response = events.putEvents(r -> r.entries(
                    e -> e.eventBusName("Bus").source("test.other").detailType("t").detail("{\"ok\":true}"),
                    e -> e.eventBusName("Bus").source("test.other").detailType("t").detail(huge)));
            assertEquals(1, response.failedEntryCount());
            assertTrue(response.entries().get(0).eventId() != null);
            assertEquals("InvalidArgument", response.entries().get(1).errorCode());
        }
    }

    @Test
    void sesSendEmailWritesTheRawMessageToTheOutbox() throws Exception {
        byte[] mime = "From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(URI.create(system.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            String id = ses.sendEmail(r -> r.fromEmailAddress("a@example.org")
                    .destination(d -> d.toAddresses("b@example.org"))
                    .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime))))).messageId();
            Path written = system.sentEmails().get(system.sentEmails().size() - 1);
            assertTrue(written.getFileName().toString().contains(id));
            assertArrayEquals(mime, Files.readAllBytes(written));
        }
    }

    @Test
    void runFiresAScheduledFunctionNowAndUnknownFunctionsAre404() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/_local/run/TimerFunction"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"force\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, BackHandler.RECEIVED.size());
        Map<String, Object> event = BackHandler.RECEIVED.get(0).event();
        assertEquals("Scheduled Event", event.get("detail-type"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) event.get("detail")).get("force"));
        assertTrue(String.valueOf(event.get("resources")).contains("rule/TimerFunction.Weekly"));
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/_local/run/NoSuchFunction"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
