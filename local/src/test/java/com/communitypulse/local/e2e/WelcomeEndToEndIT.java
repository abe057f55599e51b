package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the local runner with GITHUB_API_URL and GITHUB_TOKEN set (as the README says), a
 * first-time contributor's signed pull request is welcomed with exactly one comment on a GitHub
 * stand-in, even when the delivery is repeated and the newcomer acts again.
 */
class WelcomeEndToEndIT {
    @TempDir
    static Path outbox;
    static MockWebServer github;
    static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        github = new MockWebServer();
        github.start();
        system = Deliveries.startSystem(outbox, Map.of("GITHUB_API_URL", github.url("/").toString().replaceAll("/$", ""),
                        "GITHUB_TOKEN", "ghp_e2eToken"));
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
        github.close();
    }

    @Test
    void aFirstTimersPullRequestIsWelcomedOnceOnGitHub() throws Exception {
        for (int i = 0; i < 5; i++) {
            github.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                    .body("{\"id\":1,\"html_url\":\"https://github.com/Codertocat/Hello-World/pull/3#issuecomment-1\"}").build());
        }
        byte[] body = Deliveries.githubSample("pull_request.opened.first-timer.json");
        String signature = Deliveries.githubSignature("dev-github-secret", body);
        assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "w-1", body, signature).statusCode());
        assertEquals(200, Deliveries.postGitHub(system.url(), "pull_request", "w-1", body, signature).statusCode());
        assertTrue(system.awaitIdle(60_000));

        RecordedRequest comment = github.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", comment.getMethod());
        assertEquals("/repos/Codertocat/Hello-World/issues/3/comments", comment.getUrl().encodedPath());
        assertEquals("Bearer ghp_e2eToken", comment.getHeaders().get("Authorization"));
        assertEquals("2022-11-28", comment.getHeaders().get("X-GitHub-Api-Version"));
        String text = Json.mapper().readTree(comment.getBody().utf8()).get("body").asText();
        assertTrue(text.contains("octocat"), "the welcome names the newcomer: " + text);

        // a later action by the same newcomer (same PR, redelivered under a new id) is no first contribution
        assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "w-2",
                body, signature).statusCode());
        assertTrue(system.awaitIdle(60_000));
        assertNull(github.takeRequest(1, TimeUnit.SECONDS), "exactly one welcome");
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
    }
}
