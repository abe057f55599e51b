package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the local runner with GITHUB_API_URL and GITHUB_TOKEN set (as docs/welcome.md says), a
 * first-time contributor's signed pull request is welcomed with exactly one comment on a GitHub
 * stand-in, even when GitHub creates the comment and still answers 502 (as it may), the delivery is
 * repeated and the newcomer acts again. The stand-in keeps the comments it is sent and lists them,
 * as the welcome reads the thread for its marker before posting and before any retry.
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

    private static final String COMMENTS = "/repos/Codertocat/Hello-World/issues/3/comments";
    /** The PR's comments as GitHub keeps them: a POST creates one, whatever the answer. */
    static final List<ObjectNode> comments = new CopyOnWriteArrayList<>();
    static final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    /** Issue #3's comments: listed by GET; the first POST is stored and answered 502 Bad Gateway. */
    static final class IssueThread extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            if (!COMMENTS.equals(request.getUrl().encodedPath())) {
                return new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
            }
            if ("GET".equals(request.getMethod())) {
                ArrayNode list = Json.mapper().createArrayNode();
                comments.forEach(list::add);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(list.toString()).build();
            }
            ObjectNode comment = Json.mapper().createObjectNode();
            comment.put("id", comments.size() + 1);
            comment.put("html_url", "https://github.com/Codertocat/Hello-World/pull/3#issuecomment-" + (comments.size() + 1));
            try {
                comment.put("body", Json.mapper().readTree(request.getBody().utf8()).path("body").asText());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            comments.add(comment);
            return comments.size() == 1
                    ? new MockResponse.Builder().code(502).body("<h1>502 Bad Gateway</h1>").build()
                    : new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json").body(comment.toString()).build();
        }
    }

    @Test
    void aFirstTimersPullRequestIsWelcomedOnceOnGitHub() throws Exception {
        github.setDispatcher(new IssueThread());
        byte[] body = Deliveries.githubSample("pull_request.opened.first-timer.json");
        String signature = Deliveries.githubSignature("dev-github-secret", body);
        assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "w-1", body, signature).statusCode());
        assertEquals(200, Deliveries.postGitHub(system.url(), "pull_request", "w-1", body, signature).statusCode());
        assertTrue(system.awaitIdle(60_000));

        // look (empty), post (created, 502), look again before the retry: found, so no second POST
        assertEquals(List.of("GET", "POST", "GET"), requests.stream().map(RecordedRequest::getMethod).toList());
        RecordedRequest look = github.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(COMMENTS, look.getUrl().encodedPath());
        assertEquals("100", look.getUrl().queryParameter("per_page"));
        assertNotNull(look.getUrl().queryParameter("since"), "only comments since the PR");
        assertEquals("Bearer ghp_e2eToken", look.getHeaders().get("Authorization"));
        assertEquals("application/vnd.github+json", look.getHeaders().get("Accept"));
        RecordedRequest comment = github.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", comment.getMethod());
        assertEquals("/repos/Codertocat/Hello-World/issues/3/comments", comment.getUrl().encodedPath());
        assertEquals("Bearer ghp_e2eToken", comment.getHeaders().get("Authorization"));
        assertEquals("2022-11-28", comment.getHeaders().get("X-GitHub-Api-Version"));
        String text = Json.mapper().readTree(comment.getBody().utf8()).get("body").asText();
        assertTrue(text.contains("octocat"), "the welcome names the newcomer: " + text);
        assertTrue(text.matches("(?s).*<!-- community-pulse:welcome:github:\\d+ -->$"), "the hidden marker: " + text);
        github.takeRequest(5, TimeUnit.SECONDS);

        // a later action by the same newcomer (same PR, redelivered under a new id) is no first contribution
        assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "w-2",
                body, signature).statusCode());
        assertTrue(system.awaitIdle(60_000));
        assertNull(github.takeRequest(1, TimeUnit.SECONDS), "nothing more sent");
        assertEquals(1, comments.size(), "exactly one comment exists");
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
    }
}
