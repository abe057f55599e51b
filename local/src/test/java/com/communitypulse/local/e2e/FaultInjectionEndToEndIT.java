package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults through the whole system: the bus refusing a function's events (a PutEvents partial
 * failure that outlasts the publisher's own retries) makes that function throw after part of its
 * work; EventBridge's retry of the invocation finishes the job. Nothing is lost, nothing counted
 * twice, no welcome sent twice, nothing left in the dead letters.
 */
class FaultInjectionEndToEndIT {
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

    static long events(String detailType) {
        return system.publishedEvents().stream().filter(e -> e.path("detail-type").asText().equals(detailType)).count();
    }

    @Test
    void normaliseAndScoreFailingMidwayAreRetriedToExactlyOnce() throws Exception {
        // the normaliser's PutEvents fails 3 times (its publisher's attempts): the invocation throws and is retried
        system.refuseNextPutEvents("community-pulse.normalise", 3);
        // the scorer records the action, then fails to publish first_contribution: thrown, retried, published then
        system.refuseNextPutEvents("community-pulse.score", 3);

        byte[] body = Deliveries.githubSample("pull_request.opened.first-timer.json");
        assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "fault-1", body,
                Deliveries.githubSignature("dev-github-secret", body)).statusCode());
        assertTrue(system.awaitIdle(60_000));

        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
        assertEquals(1, events("community.action"), "the action reached the bus once it could");
        assertEquals(1, events("contributor.first_contribution"), "the first-contribution event, once");
        JsonNode profile = Json.mapper().readTree(Deliveries.get(system.url(), "/contributors/github:583231").body());
        assertEquals(0.1, profile.get("score").asDouble(), 1e-9, profile.toString());
        assertEquals(1, profile.get("counts").get("pr_opened").asInt());
        try (var files = Files.list(outbox)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("welcome-")).count(), "one welcome");
        }
    }

    @Test
    void aFunctionThatKeepsFailingEndsAsADeadLetterNotASilentLoss() throws Exception {
        int before = system.deadLetters().size();
        // more refusals than the publisher's attempts x EventBridge's local retries
        system.refuseNextPutEvents("community-pulse.normalise", 100);
        byte[] body = Deliveries.githubSample("issues.opened.json");
        assertEquals(202, Deliveries.postGitHub(system.url(), "issues", "fault-2", body,
                Deliveries.githubSignature("dev-github-secret", body)).statusCode());
        assertTrue(system.awaitIdle(60_000));
        system.refuseNextPutEvents("community-pulse.normalise", 0);
        assertEquals(before + 1, system.deadLetters().size());
        assertEquals("NormaliseFunction", system.deadLetters().get(before).functionId());
        assertEquals("github.issues", system.deadLetters().get(before).event().path("detail-type").asText(),
                "the dead letter holds the original event, ready to be redriven");
    }
}
