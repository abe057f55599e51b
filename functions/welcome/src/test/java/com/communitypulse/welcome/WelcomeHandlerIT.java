package com.communitypulse.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.welcome.domain.InvalidEventException;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler as the local runner builds it (the {@link Env} constructor, real SDK client to
 * DynamoDB Local) with the sample events from {@code events/}.
 */
class WelcomeHandlerIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static MockWebServer github;

    @TempDir
    Path outbox;

    @BeforeAll
    static void start() throws IOException {
        github = new MockWebServer();
        github.start();
        // an unexpected request gets a 404 at once instead of waiting for a response that never comes
        ((okhttp3.mockwebserver.QueueDispatcher) github.getDispatcher()).setFailFast(true);
    }

    @AfterAll
    static void stop() throws IOException {
        github.shutdown();
    }

    private Env env(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(TABLE.env());
        values.put("POWERTOOLS_SERVICE_NAME", "welcome");
        // as the local runner configures it: the template's secret name, but tokens from the environment
        values.put("PLATFORM_TOKENS_SECRET_NAME", "community-pulse/platform-tokens");
        values.put("SECRETS_PROVIDER", "env");
        values.put("GITHUB_API_URL", github.url("/").toString());
        values.putAll(extra);
        return new Env(values);
    }

    @Test
    void theSampleGitHubEventIsWelcomedOnceThroughTheHandler() throws Exception {
        WelcomeHandler handler = new WelcomeHandler(env(Map.of("GITHUB_TOKEN", "ghp_handler")));
        // the thread's comments (none yet), then the comment
        github.enqueue(new MockResponse().setBody("[]"));
        github.enqueue(new MockResponse().setResponseCode(201).setBody("{\"id\": 7, \"html_url\": \"https://github.com/x\"}"));
        Map<String, Object> event = Fixtures.eventJson("welcome-github-pr.json");

        handler.handleRequest(event, null);
        handler.handleRequest(event, null);

        RecordedRequest look = github.takeRequest(2, TimeUnit.SECONDS);
        assertEquals("GET", look.getMethod());
        assertEquals("/repos/octo-org/hello-world/issues/7/comments?per_page=100&since=2026-11-20T09:59:00Z", look.getPath());
        assertEquals("Bearer ghp_handler", look.getHeader("Authorization"));
        RecordedRequest request = github.takeRequest(2, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/repos/octo-org/hello-world/issues/7/comments", request.getPath());
        assertEquals("Bearer ghp_handler", request.getHeader("Authorization"));
        assertEquals(2, github.getRequestCount());
        assertEquals("sent", new DynamoDbWelcomeStore(TABLE.client(), TABLE.name()).get("github", "github:583231")
                .orElseThrow().get("status").s());
    }

    @Test
    void withoutTokensEverySampleEventIsRecordedToTheOutbox() throws Exception {
        WelcomeHandler handler = new WelcomeHandler(env(Map.of("DRY_RUN_DIR", outbox.toString(),
                "DISCOURSE_BASE_URL", "https://forum.example.org")));
        int before = github.getRequestCount();
        for (String file : new String[] {"welcome-github-discussion.json", "welcome-discourse-topic.json",
                "welcome-slack-message.json", "welcome-discord-message.json"}) {
            handler.handleRequest(Fixtures.eventJson(file), null);
        }

        assertEquals(before, github.getRequestCount());
        try (var files = Files.list(outbox)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().startsWith("welcome-")).count());
        }
        var discord = Json.mapper().readTree(outbox.resolve("welcome-discord-discord_80351110224678912.json").toFile());
        assertEquals("<DISCORD_WELCOME_WEBHOOK_URL>?wait=true", discord.at("/requests/0/url").asText());
        var discourse = Json.mapper().readTree(outbox.resolve("welcome-discourse-discourse_forum.example.org_1234.json").toFile());
        assertEquals("https://forum.example.org/posts.json", discourse.at("/requests/0/url").asText());
        assertEquals(42, discourse.at("/requests/0/body/topic_id").asInt());
    }

    @Test
    void aMergedPullRequestActionIsCelebratedThroughTheHandlerOnce() throws Exception {
        WelcomeHandler handler = new WelcomeHandler(env(Map.of("DRY_RUN_DIR", outbox.toString())));
        Map<String, Object> merged = Fixtures.eventJson("score-pr-merged.json");

        handler.handleRequest(merged, null);
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            handler.handleRequest(merged, null);
        } finally {
            System.setOut(original);
        }
        String emf = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"CelebrationSkipped\"")).findFirst().orElseThrow(() -> new AssertionError(printed));
        var metric = Json.mapper().readTree(emf);
        assertEquals("already_welcomed", metric.get("reason").asText());
        assertEquals("github", metric.get("platform").asText());
        assertEquals("[[\"platform\",\"reason\"]]", metric.at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                "exactly its own dimensions: " + emf);

        try (var files = Files.list(outbox)) {
            assertEquals(List.of("celebrate-first_merge-github-github_583231.json"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
        var file = Json.mapper().readTree(outbox.resolve("celebrate-first_merge-github-github_583231.json").toFile());
        assertTrue(file.at("/requests/0/url").asText().endsWith("/repos/octo-org/hello-world/issues/7/comments"), file.toString());
        Map<String, Object> noActor = new HashMap<>(merged);
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) merged.get("detail"));
        detail.remove("actor");
        noActor.put("detail", detail);
        assertEquals("detail.actor must be platform:id, got null",
                assertThrows(InvalidEventException.class, () -> handler.handleRequest(noActor, null)).getMessage());
    }

    @Test
    void anEventOfAnotherTypeIsRejectedClearly() {
        WelcomeHandler handler = new WelcomeHandler(env(Map.of()));
        Map<String, Object> event = new HashMap<>(Fixtures.eventJson("welcome-github-pr.json"));
        event.put("detail-type", "contributor.tier_changed");

        var thrown = assertThrows(InvalidEventException.class, () -> handler.handleRequest(event, null));
        assertTrue(thrown.getMessage().contains("detail-type must be contributor.first_contribution"));
    }

    @Test
    void aDetailWithoutIdentityOrActionIsRejectedClearly() {
        WelcomeHandler handler = new WelcomeHandler(env(Map.of()));
        Map<String, Object> noIdentity = new HashMap<>(Fixtures.eventJson("welcome-github-pr.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) noIdentity.get("detail"));
        detail.remove("identity");
        noIdentity.put("detail", detail);
        Map<String, Object> noAction = new HashMap<>(Fixtures.eventJson("welcome-github-pr.json"));
        noAction.put("detail", Map.of("identity", "github:1", "login", "x", "platform", "github"));
        Map<String, Object> noDetail = new HashMap<>(Fixtures.eventJson("welcome-github-pr.json"));
        noDetail.remove("detail");

        assertEquals("detail.identity is missing",
                assertThrows(InvalidEventException.class, () -> handler.handleRequest(noIdentity, null)).getMessage());
        assertEquals("detail.action (the community.action) is missing",
                assertThrows(InvalidEventException.class, () -> handler.handleRequest(noAction, null)).getMessage());
        assertEquals("detail must be a JSON object",
                assertThrows(InvalidEventException.class, () -> handler.handleRequest(noDetail, null)).getMessage());
    }

    @Test
    void badTemplateJsonIsAClearConfigurationError() {
        var thrown = assertThrows(IllegalStateException.class,
                () -> new WelcomeHandler(env(Map.of("WELCOME_TEMPLATES", "{not json"))));
        assertTrue(thrown.getMessage().startsWith("WELCOME_TEMPLATES must be a JSON object"), thrown.getMessage());
    }

    @Test
    void anOpenedPullRequestIsTriagedByTheConfigInTheEnvironmentAndABadConfigStopsTheStart() throws Exception {
        // its own stand-in: the shared one's request count belongs to the welcome test
        try (MockWebServer github = new MockWebServer()) {
        github.start();
        WelcomeHandler handler = new WelcomeHandler(env(Map.of("GITHUB_TOKEN", "ghp_handler", "GITHUB_API_URL", github.url("/").toString(), "TRIAGE_CONFIG",
                "{\"labels\": {\"documentation\": {\"changed-files\": [\"docs/**\"]}}}")));
        github.enqueue(new MockResponse().setBody("{\"title\": \"Docs: tiers\", \"body\": null}"));
        github.enqueue(new MockResponse().setBody("[{\"filename\": \"docs/scoring.md\"}]"));
        github.enqueue(new MockResponse().setBody("[{\"name\": \"documentation\"}]"));
        Map<String, Object> context = new HashMap<>(Map.of("platform", "github", "type", "pr_opened", "repo", "octo-org/hello-world",
                "thread", "github:octo-org/hello-world#9", "author_association", "CONTRIBUTOR"));
        Map<String, Object> event = new HashMap<>(Map.of("detail-type", "community.action", "source", "community-pulse.normalise",
                "detail", Map.of("event", "community.action", "id", "a-9", "actor", "github:583231", "actor_login", "octocat",
                        "actor_kind", "user", "timestamp", "2026-11-20T10:00:00Z", "context", context)));

        handler.handleRequest(event, null);

        assertEquals("/repos/octo-org/hello-world/issues/9", github.takeRequest(2, TimeUnit.SECONDS).getPath());
        assertEquals("/repos/octo-org/hello-world/pulls/9/files?per_page=100", github.takeRequest(2, TimeUnit.SECONDS).getPath());
        RecordedRequest labels = github.takeRequest(2, TimeUnit.SECONDS);
        assertEquals("POST /repos/octo-org/hello-world/issues/9/labels", labels.getMethod() + " " + labels.getPath());
        assertEquals("Bearer ghp_handler", labels.getHeader("Authorization"));
        assertEquals("{\"labels\":[\"documentation\"]}", labels.getBody().readUtf8());
        }

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new WelcomeHandler(env(Map.of(
                "TRIAGE_CONFIG", "labels:\n  docs:\n    changed-file: [\"docs/**\"]\n"))));
        assertEquals("TRIAGE_CONFIG.labels.docs: unknown key \"changed-file\" (expected one of [changed-files, keywords])",
                bad.getMessage());
    }
}
