package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system from template.yaml on one machine: signed GitHub deliveries over real HTTP,
 * through webhook, the bus, normalise and score into DynamoDB Local, read back through the API.
 * Expected figures are docs/design.md's heuristic computed by hand, not by the code under test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitHubEndToEndIT {
    static final String SECRET = "e2e-github-secret";
    static final String CODERTOCAT = "github:21031067";

    @TempDir
    static Path outbox;
    static LocalSystem system;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        system = Deliveries.startSystem(outbox, Map.of("GITHUB_WEBHOOK_SECRET", SECRET));
        url = system.url();
        assertEquals(200, Deliveries.get(url, "/_local/health").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
    }

    private static HttpResponse<String> deliver(String event, String file, String deliveryId) throws Exception {
        byte[] body = Deliveries.githubSample(file);
        return Deliveries.postGitHub(url, event, deliveryId, body, Deliveries.githubSignature(SECRET, body));
    }

    @Test
    @Order(1)
    void pingIsAnsweredAndPublishesNothing() throws Exception {
        HttpResponse<String> response = deliver("ping", "ping.json", "d-ping");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(system.awaitIdle(30_000));
        assertEquals(0, system.publishedEvents().size());
    }

    @Test
    @Order(2)
    void signedDeliveriesBecomeAScoredProfile() throws Exception {
        assertEquals(202 / 100, deliver("pull_request", "pull_request.opened.json", "d-1").statusCode() / 100);
        assertEquals(2, deliver("issues", "issues.opened.json", "d-2").statusCode() / 100);
        assertEquals(2, deliver("issue_comment", "issue_comment.created.json", "d-3").statusCode() / 100);
        assertEquals(2, deliver("pull_request", "pull_request.merged.json", "d-4").statusCode() / 100);
        assertTrue(system.awaitIdle(60_000), "bus did not drain");
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());

        JsonNode profile = profile(CODERTOCAT);
        // pr_opened 0.1 + issue_opened (0.1 + 0.2) + short comment 0.1 + pr_merged (0.1 + 0.5)
        assertEquals(1.1, profile.get("score").asDouble(), 1e-9, profile.toString());
        JsonNode counts = profile.get("counts");
        assertEquals(1, counts.path("pr_opened").asInt(), profile.toString());
        assertEquals(1, counts.path("issue_opened").asInt(), profile.toString());
        assertEquals(1, counts.path("comment").asInt(), profile.toString());
        assertEquals(1, counts.path("pr_merged").asInt(), profile.toString());
        assertEquals("Codertocat", profile.get("login").asText());
        assertEquals("github", profile.get("platform").asText());
        assertTrue(profile.get("tier").asText().toLowerCase().contains("maintainer"),
                "GitHub says OWNER, so the tier is Maintainer: " + profile);
        assertTrue(profile.hasNonNull("first_seen") && profile.hasNonNull("last_active"), profile.toString());

        JsonNode board = Json.mapper().readTree(Deliveries.get(url, "/leaderboard?limit=10").body());
        assertEquals(CODERTOCAT, board.get("items").get(0).get("id").asText(), board.toString());
        assertEquals(1.1, board.get("items").get(0).get("score").asDouble(), 1e-9);
    }

    @Test
    @Order(3)
    void aRedeliveryIsReportedAsDuplicateAndCountsOnce() throws Exception {
        int published = system.publishedEvents().size();
        HttpResponse<String> again = deliver("issues", "issues.opened.json", "d-2");
        assertEquals(2, again.statusCode() / 100, again.body());
        assertTrue(again.body().contains("duplicate"), again.body());
        assertTrue(system.awaitIdle(30_000));
        assertEquals(published, system.publishedEvents().size(), "a duplicate delivery must not reach the bus");
        assertEquals(1.1, profile(CODERTOCAT).get("score").asDouble(), 1e-9);
    }

    @Test
    @Order(4)
    void aWrongSignatureIs401AndChangesNothing() throws Exception {
        int published = system.publishedEvents().size();
        byte[] body = Deliveries.githubSample("issues.opened.json");
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length / 2] ^= 1;
        String goodSignatureOfOriginal = Deliveries.githubSignature(SECRET, body);
        assertEquals(401, Deliveries.postGitHub(url, "issues", "d-x1", tampered, goodSignatureOfOriginal).statusCode());
        assertEquals(401, Deliveries.postGitHub(url, "issues", "d-x2", body,
                Deliveries.githubSignature("not-the-secret", body)).statusCode());
        HttpResponse<String> unsigned = Deliveries.postGitHub(url, "issues", "d-x3", body, null);
        assertEquals(401, unsigned.statusCode());
        assertTrue(Json.mapper().readTree(unsigned.body()).isObject(), "answers are JSON: " + unsigned.body());
        assertTrue(system.awaitIdle(30_000));
        assertEquals(published, system.publishedEvents().size());
        assertEquals(1.1, profile(CODERTOCAT).get("score").asDouble(), 1e-9);
    }

    @Test
    @Order(5)
    void unknownContributorIs404() throws Exception {
        assertEquals(404, Deliveries.get(url, "/contributors/github:1").statusCode());
    }

    @Test
    @Order(6)
    void aFirstTimerIsScoredAndWelcomedOnce() throws Exception {
        assertEquals(2, deliver("pull_request", "pull_request.opened.first-timer.json", "d-5").statusCode() / 100);
        assertTrue(system.awaitIdle(60_000));
        JsonNode profile = profile("github:583231");
        assertEquals(0.1, profile.get("score").asDouble(), 1e-9, profile.toString());
        long firsts = system.publishedEvents().stream()
                .filter(e -> e.path("detail-type").asText().equals("contributor.first_contribution"))
                .filter(e -> e.path("detail").path("person").asText().equals("github:583231"))
                .count();
        assertEquals(1, firsts, "exactly one first-contribution event for the newcomer");
        // no token is set, so the welcome is recorded (dry run) in the outbox instead of posted
        try (var files = java.nio.file.Files.list(outbox)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("welcome-")
                    && f.getFileName().toString().contains("583231")).count(), "exactly one dry-run welcome recorded");
        }
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
    }

    static JsonNode profile(String id) throws Exception {
        HttpResponse<String> response = Deliveries.get(url, "/contributors/" + id);
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body().getBytes(StandardCharsets.UTF_8));
    }
}
