package com.communitypulse.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * The digest against DynamoDB Local and an okhttp MockWebServer standing in for the SES v2 endpoint:
 * the real SendEmail request, once per week, retries and releases on throttling, force.
 */
class DigestSendIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final String SEND_PATH = "/v2/email/outbound-emails";

    private MockWebServer ses;
    private Env env;
    private SesV2Client sesClient;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:05Z"));
    private final RecordingMetrics metrics = new RecordingMetrics();

    @BeforeAll
    static void startDynamo() {
        HandWeek.seed(TABLE.client(), TABLE.name());
    }

    @BeforeEach
    void startSes() throws Exception {
        ses = new MockWebServer();
        ses.start();
        env = DigestEnv.of(TABLE, Map.of("AWS_ENDPOINT_URL_SESV2", ses.url("/").toString()));
        sesClient = AwsClients.configure(SesV2Client.builder(), env, "SESV2").build();
        TABLE.client().deleteItem(r -> r.tableName(TABLE.name()).key(digestKey("2026-W47")));
    }

    @AfterEach
    void stopSes() throws Exception {
        sesClient.close();
        ses.close();
    }

    private DigestHandler handler() {
        return new DigestHandler(DigestHandler.service(env, TABLE.client(), sesClient, clock), metrics);
    }

    private static Map<String, Object> event(String file) {
        return Fixtures.eventJson(file);
    }

    private static Map<String, Object> scheduled() throws Exception {
        return event("digest-scheduled.json");
    }

    private static MockResponse accepted(String messageId) {
        return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json")
                .setBody("{\"MessageId\":\"" + messageId + "\"}");
    }

    private static MockResponse throttled() {
        return new MockResponse().setResponseCode(429).addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .setBody("{\"message\":\"Maximum sending rate exceeded.\"}");
    }

    private Map<String, AttributeValue> ledger() {
        return TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(digestKey("2026-W47")).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> digestKey(String week) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.digest(week)), TableKeys.SK, AttributeValue.fromS("DIGEST"));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = ses.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(request != null, "expected a SendEmail request");
        return request;
    }

    @Test
    void theScheduledRunSendsOneRawMimeEmailThroughSesV2AndRecordsIt() throws Exception {
        ses.enqueue(accepted("0100-first"));
        // the Env constructor, as Lambda and the local runner build it
        new DigestHandler(env).handleRequest(scheduled(), null);

        assertEquals(1, ses.getRequestCount());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals(SEND_PATH, request.getPath());
        assertTrue(request.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256 "), "SigV4 signed");
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertEquals("pulse@example.org", body.path("FromEmailAddress").asText());
        assertEquals(List.of("maintainers@example.org", "lead@example.org"),
                Json.mapper().convertValue(body.path("Destination").path("ToAddresses"), new TypeReference<List<String>>() { }));
        byte[] raw = Base64.getDecoder().decode(body.path("Content").path("Raw").path("Data").asText());
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertTrue(message.getContentType().startsWith("multipart/related"));
        assertTrue(message.getSubject().startsWith("Community Pulse 2026-W47: 6 active, 2 new, 2 PRs merged"), message.getSubject());
        Multipart alternative = (Multipart) ((Multipart) message.getContent()).getBodyPart(0).getContent();
        String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertTrue(text.startsWith("""
                Active contributors: 6
                New contributors: 2
                Pull requests merged: 2
                PR acceptance rate: 67%
                Median time to first response: 3h 0m
                Unanswered after 24h: 1
                """), text);

        var record = ledger();
        assertEquals("sent", record.get("status").s());
        assertEquals("0100-first", record.get("message_id").s());
    }

    @Test
    void aSecondTriggerForTheSameWeekSendsNothing() throws Exception {
        ses.enqueue(accepted("0100-once"));
        ses.enqueue(accepted("0100-twice"));
        DigestHandler handler = handler();
        handler.handleRequest(scheduled(), null);
        Map<String, Object> retry = scheduled();
        retry.put("time", "2026-11-23T09:05:00Z");
        handler.handleRequest(retry, null);

        assertEquals(1, ses.getRequestCount());
        assertEquals(List.of("sent 2026-W47", "skipped 2026-W47 SKIPPED_ALREADY_SENT"), metrics.events);
        assertEquals("0100-once", ledger().get("message_id").s());
    }

    @Test
    void forceSendsAnAlreadySentWeekAgain() throws Exception {
        ses.enqueue(accepted("0100-first"));
        ses.enqueue(accepted("0100-forced"));
        DigestHandler handler = handler();
        handler.handleRequest(scheduled(), null);
        clock.advance(Duration.ofDays(1));
        handler.handleRequest(event("digest-force.json"), null);

        assertEquals(2, ses.getRequestCount());
        assertEquals(List.of("sent 2026-W47", "sent 2026-W47"), metrics.events);
        assertEquals("0100-forced", ledger().get("message_id").s());
        assertEquals(true, ledger().get("forced").bool());
    }

    @Test
    void throttlingIsRetriedAndTheWeekIsSentOnce() throws Exception {
        ses.enqueue(throttled());
        ses.enqueue(accepted("0100-after-throttle"));
        handler().handleRequest(scheduled(), null);

        assertEquals(2, ses.getRequestCount());
        String first = take().getBody().readUtf8();
        String second = take().getBody().readUtf8();
        assertEquals(first, second, "the retry sends the same message");
        assertEquals("sent", ledger().get("status").s());
        assertEquals("0100-after-throttle", ledger().get("message_id").s());
    }

    @Test
    void throttlingThatOutlastsTheRetriesThrowsReleasesTheClaimAndTheRetrySends() throws Exception {
        for (int i = 0; i < 10; i++) {
            ses.enqueue(throttled());
        }
        DigestHandler handler = handler();
        assertThrows(TooManyRequestsException.class, () -> handler.handleRequest(scheduled(), null));
        int attempts = ses.getRequestCount();
        assertTrue(attempts >= 2, "the SDK retried before giving up: " + attempts);
        assertTrue(ledger().isEmpty(), "the claim was released: " + ledger());
        assertEquals(List.of(), metrics.events);

        // Lambda's retry of the same event: a fresh server answers, and the week goes out exactly once.
        ses.close();
        ses = new MockWebServer();
        ses.start();
        env = DigestEnv.of(TABLE, Map.of("AWS_ENDPOINT_URL_SESV2", ses.url("/").toString()));
        sesClient.close();
        sesClient = AwsClients.configure(SesV2Client.builder(), env, "SESV2").build();
        ses.enqueue(accepted("0100-on-retry"));
        handler().handleRequest(scheduled(), null);
        assertEquals(1, ses.getRequestCount());
        assertEquals("0100-on-retry", ledger().get("message_id").s());
    }

    @Test
    void aForcedResendThatFailsLeavesTheEarlierSendOnRecord() throws Exception {
        ses.enqueue(accepted("0100-first"));
        DigestHandler handler = handler();
        handler.handleRequest(scheduled(), null);
        for (int i = 0; i < 10; i++) {
            ses.enqueue(new MockResponse().setResponseCode(400).addHeader("x-amzn-ErrorType", "MessageRejected")
                    .setBody("{\"message\":\"Email address is not verified.\"}"));
        }
        assertThrows(RuntimeException.class, () -> handler.handleRequest(event("digest-force.json"), null));
        assertEquals("sent", ledger().get("status").s());
        assertEquals("0100-first", ledger().get("message_id").s());
    }

    /*
     * The weekly schedule invokes the digest asynchronously: Lambda retries a failed or timed-out attempt
     * twice, about 1 and then 3 minutes later, then sends the event to the on-failure destination / DLQ.
     * The template gives the function a 300 s timeout.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    /** Lambda's context as the digest and Powertools logging read it: the time left, the memory, the names. */
    private static com.amazonaws.services.lambda.runtime.Context lambda(Duration remaining) {
        return (com.amazonaws.services.lambda.runtime.Context) java.lang.reflect.Proxy.newProxyInstance(
                DigestSendIT.class.getClassLoader(), new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) remaining.toMillis();
                    case "getAwsRequestId" -> "test-request";
                    case "getMemoryLimitInMB" -> 1024;
                    case "getFunctionName" -> "DigestFunction";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:DigestFunction";
                    default -> null;
                });
    }

    /** Stands for the process dying mid-send (timeout, crash): an Error no catch of the digest handles. */
    static final class Killed extends Error {
    }

    private static SesV2Client dyingSes() {
        return new SesV2Client() {
            @Override
            public software.amazon.awssdk.services.sesv2.model.SendEmailResponse sendEmail(
                    software.amazon.awssdk.services.sesv2.model.SendEmailRequest request) {
                throw new Killed();
            }

            @Override
            public String serviceName() {
                return "ses";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aRetryThatFindsTheWeekClaimedByALiveSendFailsSoLambdaRetriesAndFinallyDeadLetters() throws Exception {
        // another invocation (a manual run, say) holds the week and is still within its timeout
        DigestHandler killed = new DigestHandler(DigestHandler.service(env, TABLE.client(), dyingSes(), clock), metrics);
        assertThrows(Killed.class, () -> killed.handleRequest(scheduled(), lambda(TIMEOUT)));
        clock.advance(Duration.ofSeconds(30));
        ses.enqueue(accepted("0100-too-early"));
        DigestHandler handler = handler();

        var thrown = assertThrows(RuntimeException.class, () -> handler.handleRequest(scheduled(), lambda(TIMEOUT)),
                "a live claim is not a sent digest");
        assertTrue(thrown.getMessage().contains("being sent by another invocation"), thrown.getMessage());
        // even force does not take a live claim
        assertThrows(RuntimeException.class, () -> handler.handleRequest(event("digest-force.json"), lambda(TIMEOUT)));
        assertEquals(0, ses.getRequestCount());
        assertEquals(List.of(), metrics.events);
        assertEquals("sending", ledger().get("status").s());
    }

    @Test
    void aSendKilledAfterClaimingIsSentByLambdasFirstRetry() throws Exception {
        DigestHandler killed = new DigestHandler(DigestHandler.service(env, TABLE.client(), dyingSes(), clock), metrics);
        assertThrows(Killed.class, () -> killed.handleRequest(scheduled(), lambda(TIMEOUT)));
        assertEquals("sending", ledger().get("status").s(), "a kill releases nothing");

        // Lambda ends the attempt at its timeout and retries the event about a minute later
        clock.advance(TIMEOUT.plus(FIRST_RETRY));
        ses.enqueue(accepted("0100-on-retry"));
        handler().handleRequest(scheduled(), lambda(TIMEOUT));

        assertEquals(1, ses.getRequestCount(), "the dead attempt's claim ended with its invocation");
        assertEquals("sent", ledger().get("status").s());
        assertEquals("0100-on-retry", ledger().get("message_id").s());
        assertEquals(List.of("sent 2026-W47"), metrics.events);
    }

    @Test
    void sesTimingOutReleasesTheWeekAndLambdasRetrySendsItOnce() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean sesBack = new java.util.concurrent.atomic.AtomicBoolean();
        ses.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return sesBack.get() ? accepted("0100-after-timeout")
                        : new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE);
            }
        });
        // the SDK's own timeouts, short here so the test is quick (deployed: AwsClients' socket timeout)
        sesClient.close();
        sesClient = AwsClients.configure(SesV2Client.builder(), env, "SESV2")
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofMillis(300)).apiCallTimeout(Duration.ofSeconds(2)))
                .build();

        assertThrows(RuntimeException.class, () -> handler().handleRequest(scheduled(), lambda(TIMEOUT)));
        assertTrue(ses.getRequestCount() >= 1);
        assertTrue(ledger().isEmpty(), "the claim was released: " + ledger());

        clock.advance(FIRST_RETRY);
        sesBack.set(true);
        int before = ses.getRequestCount();
        handler().handleRequest(scheduled(), lambda(TIMEOUT));
        assertEquals(before + 1, ses.getRequestCount());
        assertEquals("0100-after-timeout", ledger().get("message_id").s());
    }

    @Test
    void badManualInputIsRejectedWithTheReasonAndSendsNothing() throws Exception {
        DigestHandler handler = handler();
        List<Map<String, Object>> bad = new ArrayList<>();
        for (Object detail : List.of(Map.of("week", "2026-47"), Map.of("week", 47), Map.of("force", "yes"), "not-an-object",
                Map.of("week", "2026-W48"))) {
            Map<String, Object> event = new HashMap<>(scheduled());
            event.put("detail", detail);
            bad.add(event);
        }
        Map<String, Object> badTime = new HashMap<>(scheduled());
        badTime.put("time", "Monday morning");
        bad.add(badTime);
        for (Map<String, Object> event : bad) {
            var e = assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event, null), event.toString());
            assertTrue(e.getMessage().matches("(?s).*(week|detail|force|time).*"), e.getMessage());
        }
        assertEquals(0, ses.getRequestCount());
        assertTrue(ledger().isEmpty());
    }

    @Test
    void missingConfigurationNamesTheVariable() {
        Map<String, String> vars = new HashMap<>(env.asMap());
        vars.remove("DIGEST_RECIPIENTS");
        var e = assertThrows(IllegalStateException.class, () -> new DigestHandler(new Env(vars)));
        assertTrue(e.getMessage().contains("DIGEST_RECIPIENTS"));
        vars.put("DIGEST_RECIPIENTS", " , ");
        assertThrows(IllegalArgumentException.class, () -> new DigestHandler(new Env(vars)));
    }

    static final class RecordingMetrics implements DigestMetrics {
        final List<String> events = new ArrayList<>();

        @Override
        public void sent(String week) {
            events.add("sent " + week);
        }

        @Override
        public void skipped(String week, String reason) {
            events.add("skipped " + week + " " + reason);
        }
    }

}
