package com.communitypulse.welcome.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryingHttpTest {
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private MockWebServer server;
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private RetryingHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        http = new RetryingHttp(RetryingHttp.Policy.DEFAULT, d -> {
            sleeps.add(d);
            now = now.plus(d);
        }, clock, () -> 1.0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private OutboundRequest request() {
        URI url = URI.create(server.url("/thing").toString());
        return OutboundRequest.postJson(url, url.toString(), Map.of("Authorization", "Bearer s"), Set.of("Authorization"), "{}");
    }

    private Instant deadline() {
        return now.plusSeconds(55);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 410, 422})
    void permanentClientErrorsAreNotRetried(int status) {
        server.enqueue(new MockResponse().setResponseCode(status).setBody("{\"message\": \"nope\"}"));

        var thrown = assertThrows(PermanentHttpFailure.class, () -> http.send(request(), http::standard, deadline()));

        assertEquals(status, thrown.status());
        assertEquals("HTTP " + status + ": nope", thrown.getMessage());
        assertEquals(1, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void a403ThatIsNotARateLimitIsPermanent() {
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("x-ratelimit-remaining", "4999")
                .setBody("{\"message\": \"Must have admin rights to Repository.\"}"));

        assertThrows(PermanentHttpFailure.class, () -> http.send(request(), http::standard, deadline()));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(4).atZone(ZoneOffset.UTC));
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", at));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));

        assertEquals(200, http.send(request(), http::standard, deadline()).statusCode());
        assertEquals(List.of(Duration.ofSeconds(4)), sleeps);
    }

    @Test
    void aDroppedConnectionIsRetried() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(new MockResponse().setResponseCode(201).setBody("{}"));

        assertEquals(201, http.send(request(), http::standard, deadline()).statusCode());
        assertEquals(1, sleeps.size());
    }

    @Test
    void aSecondaryRateLimitLongerThanTheMaxWaitGivesUpWithoutWaiting() {
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("Retry-After", "60")
                .setBody("{\"message\": \"You have exceeded a secondary rate limit.\"}"));

        var thrown = assertThrows(TransientHttpFailure.class, () -> http.send(request(), http::standard, deadline()));

        assertTrue(thrown.getMessage().contains("wait 60 s"), thrown.getMessage());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aWaitBeyondTheDeadlineGivesUp() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "10"));

        assertThrows(TransientHttpFailure.class, () -> http.send(request(), http::standard, now.plusSeconds(5)));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aMovedRepositoryIsFollowedOnTheSameOriginWithMethodBodyAndToken() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/repositories/1296269/issues/7/comments"));
        server.enqueue(new MockResponse().setResponseCode(201).setBody("{}"));

        assertEquals(201, http.send(request(), http::standard, deadline()).statusCode());

        server.takeRequest();
        var moved = server.takeRequest();
        assertEquals("POST", moved.getMethod());
        assertEquals("/repositories/1296269/issues/7/comments", moved.getPath());
        assertEquals("Bearer s", moved.getHeader("Authorization"));
        assertEquals("{}", moved.getBody().readUtf8());
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() {
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "https://elsewhere.example/steal"));

        var thrown = assertThrows(PermanentHttpFailure.class, () -> http.send(request(), http::standard, deadline()));

        assertEquals(307, thrown.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void fullJitterBackoffGrowsAndIsCapped() {
        assertEquals(Duration.ofMillis(500), http.backoff(1));
        assertEquals(Duration.ofMillis(1000), http.backoff(2));
        assertEquals(Duration.ofMillis(4000), http.backoff(4));
        assertEquals(Duration.ofSeconds(8), http.backoff(30));
        RetryingHttp none = new RetryingHttp(RetryingHttp.Policy.DEFAULT, d -> { }, clock, () -> 0.0);
        assertEquals(Duration.ZERO, none.backoff(3));
    }

    @Test
    void theSecretHeaderIsRedactedInRecords() {
        assertEquals(Map.of("Authorization", "<redacted>", "Content-Type", "application/json"), request().safeHeaders());
    }
}
