package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History from day one, through the local runner and the packaged backfill.jar: {@code POST
 * /_local/run/BackfillFunction} backfills a stand-in GitHub's repository (issue #1 and PR #2 of the sample
 * deliveries, an older issue by octocat, a merged PR, comments, a star). Live webhooks overlap it on every side:
 * the comment on issue #1 arrives before the backfill reads it, the merge of PR #2 while the backfill runs (the
 * stand-in sends it when the backfill asks for the stargazers, after the PR's page), and issue #1 and octocat's
 * first PR after. Each action is counted once; octocat, known from history, is not welcomed as new; nobody from
 * history is welcomed or celebrated: the stand-in, which would record every comment posted, gets none.
 * {@code GET /backfill} shows the run done.
 */
class BackfillEndToEndIT {
    static final String REPO = "Codertocat/Hello-World";

    @TempDir
    Path outbox;

    final List<RecordedRequest> posts = new CopyOnWriteArrayList<>();
    final List<String> reads = new CopyOnWriteArrayList<>();

    static ObjectNode user(String login, long id) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.put("login", login).put("id", id).put("type", "User");
        return user;
    }

    /** The repository's history as GitHub's REST lists give it. */
    static ArrayNode issues() throws Exception {
        JsonNode opened = Json.mapper().readTree(Deliveries.githubSample("issues.opened.json"));
        ArrayNode issues = Json.mapper().createArrayNode();
        ObjectNode octocatsOld = Json.mapper().createObjectNode();
        octocatsOld.put("id", 9002).put("number", 2).put("title", "an old question").put("state", "closed")
                .put("html_url", "https://github.com/" + REPO + "/issues/2").put("created_at", "2019-01-02T10:00:00Z")
                .put("updated_at", "2019-01-03T10:00:00Z").put("author_association", "NONE");
        octocatsOld.set("user", user("octocat", 583231));
        issues.add(octocatsOld);
        ObjectNode merged = Json.mapper().createObjectNode();
        merged.put("id", 9004).put("number", 4).put("title", "a fix").put("state", "closed")
                .put("html_url", "https://github.com/" + REPO + "/pull/4").put("created_at", "2019-02-01T10:00:00Z")
                .put("updated_at", "2019-02-02T10:00:00Z").put("closed_at", "2019-02-02T10:00:00Z")
                .put("author_association", "CONTRIBUTOR");
        merged.set("user", user("historian", 7001));
        merged.putObject("pull_request").put("html_url", "https://github.com/" + REPO + "/pull/4")
                .put("merged_at", "2019-02-02T10:00:00Z");
        issues.add(merged);
        issues.add(opened.get("issue")); // updated 2019-05-15 15:20:22
        // PR #2 as the issues list has it: the sample merge's pull request, with pull_request.merged_at
        JsonNode pr = Json.mapper().readTree(Deliveries.githubSample("pull_request.merged.json")).get("pull_request");
        ObjectNode item = Json.mapper().createObjectNode();
        for (String field : List.of("id", "number", "title", "user", "state", "html_url", "created_at", "updated_at",
                "closed_at", "author_association")) {
            item.set(field, pr.get(field));
        }
        item.putObject("pull_request").put("html_url", pr.get("html_url").asText()).set("merged_at", pr.get("merged_at"));
        issues.add(item); // updated 2019-05-15 15:21:18: last
        return issues;
    }

    static ArrayNode comments() throws Exception {
        ArrayNode comments = Json.mapper().createArrayNode();
        ObjectNode comment = comments.addObject();
        comment.put("id", 77001).put("issue_url", "https://api.github.com/repos/" + REPO + "/issues/2")
                .put("html_url", "https://github.com/" + REPO + "/issues/2#issuecomment-77001")
                .put("created_at", "2019-01-03T10:00:00Z").put("updated_at", "2019-01-03T10:00:00Z")
                .put("author_association", "NONE").put("body", "same here");
        comment.set("user", user("old-commenter", 7002));
        // the sample comment on issue #1 (GET /issues/comments lists the webhook's very object, issue_url and all)
        comments.add(Json.mapper().readTree(Deliveries.githubSample("issue_comment.created.json")).get("comment"));
        return comments;
    }

    static ArrayNode stars() {
        ArrayNode stars = Json.mapper().createArrayNode();
        stars.addObject().put("starred_at", "2019-03-01T10:00:00Z").set("user", user("stargazer", 7003));
        return stars;
    }

    volatile Runnable duringTheBackfill = () -> { };

    final class GitHub extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (!"GET".equals(request.getMethod())) {
                posts.add(request);
                return json(201, "{\"id\":1}");
            }
            reads.add(path);
            try {
                JsonNode repository = Json.mapper().readTree(Deliveries.githubSample("issues.opened.json")).get("repository");
                return switch (path) {
                    case "/rate_limit" -> json(200, "{}");
                    case "/repos/" + REPO -> json(200, repository.toString());
                    case "/repos/" + REPO + "/issues" -> json(200, issues().toString());
                    case "/repos/" + REPO + "/issues/comments" -> json(200, comments().toString());
                    case "/repos/" + REPO + "/stargazers" -> {
                        duringTheBackfill.run(); // a live delivery while the backfill runs, after it read PR #2
                        yield json(200, stars().toString());
                    }
                    case "/repos/" + REPO + "/pulls" -> json(200, "[]");
                    default -> path.endsWith("/comments") || path.endsWith("/reviews") ? json(200, "[]") : json(404, "{\"message\":\"Not Found\"}");
                };
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private MockResponse json(int status, String body) {
            return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                    .addHeader("x-ratelimit-limit", "5000").addHeader("x-ratelimit-remaining", "4999")
                    .addHeader("x-ratelimit-reset", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()))
                    .body(body).build();
        }
    }

    @Test
    void historyIsCountedOnceWithTheLiveWebhooksAndNobodyFromItIsGreeted() throws Exception {
        try (MockWebServer github = new MockWebServer()) {
            github.setDispatcher(new GitHub());
            github.start();
            Map<String, String> env = Map.of("GITHUB_API_URL", github.url("/").toString().replaceAll("/$", ""),
                    "GITHUB_TOKEN", "ghp_backfill");
            try (LocalSystem system = Deliveries.startSystem(outbox, env)) {
                byte[] comment = Deliveries.githubSample("issue_comment.created.json");
                assertEquals(202, Deliveries.postGitHub(system.url(), "issue_comment", "live-before", comment,
                        Deliveries.githubSignature("dev-github-secret", comment)).statusCode());
                assertTrue(system.awaitIdle(60_000));
                byte[] merged = Deliveries.githubSample("pull_request.merged.json");
                java.util.concurrent.atomic.AtomicInteger during = new java.util.concurrent.atomic.AtomicInteger();
                duringTheBackfill = () -> {
                    try {
                        during.set(Deliveries.postGitHub(system.url(), "pull_request", "live-during", merged,
                                Deliveries.githubSignature("dev-github-secret", merged)).statusCode());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                HttpResponse<String> started = Deliveries.HTTP.send(HttpRequest.newBuilder(
                                URI.create(system.url() + "/_local/run/BackfillFunction"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"github\",\"repository\":\"" + REPO + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, started.statusCode(), started.body());
                JsonNode result = Json.mapper().readTree(started.body()).path("result");
                assertEquals("done", result.path("status").asText(), started.body());
                assertEquals(9, result.path("events").asInt(), "4 issues/PRs (+2 merges), 2 comments, 1 star: " + started.body());
                assertEquals(202, during.get(), "the merge delivered while the backfill ran");
                assertTrue(system.awaitIdle(60_000));

                byte[] issue = Deliveries.githubSample("issues.opened.json");
                byte[] pr = Deliveries.githubSample("pull_request.opened.first-timer.json");
                assertEquals(202, Deliveries.postGitHub(system.url(), "issues", "live-1", issue,
                        Deliveries.githubSignature("dev-github-secret", issue)).statusCode());
                assertEquals(202, Deliveries.postGitHub(system.url(), "pull_request", "live-2", pr,
                        Deliveries.githubSignature("dev-github-secret", pr)).statusCode());
                assertTrue(system.awaitIdle(60_000));

                JsonNode codertocat = Json.mapper().readTree(Deliveries.get(system.url(), "/contributors/github:21031067").body());
                assertEquals(1, codertocat.path("counts").path("issue_opened").asInt(), "issue #1 once (after): " + codertocat);
                assertEquals(1, codertocat.path("counts").path("comment").asInt(), "its comment once (before): " + codertocat);
                assertEquals(1, codertocat.path("counts").path("pr_merged").asInt(), "PR #2's merge once (during): " + codertocat);
                assertEquals(1, codertocat.path("counts").path("pr_opened").asInt(), "PR #2 opened, from history: " + codertocat);
                JsonNode octocat = Json.mapper().readTree(Deliveries.get(system.url(), "/contributors/github:583231").body());
                assertEquals(1, octocat.path("counts").path("issue_opened").asInt(), octocat.toString());
                assertEquals(1, octocat.path("counts").path("pr_opened").asInt(), octocat.toString());
                assertEquals("2019-01-02T10:00:00Z", octocat.path("first_seen").asText(), "known since history: " + octocat);
                JsonNode historian = Json.mapper().readTree(Deliveries.get(system.url(), "/contributors/github:7001").body());
                assertEquals("Contributor", historian.path("tier").asText(), "history's merged PR counts: " + historian);

                assertEquals(List.of(), posts.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList(),
                        "no welcome, no celebration from history, none for octocat who is known from it");
                JsonNode backfills = Json.mapper().readTree(Deliveries.get(system.url(), "/backfill").body());
                assertEquals("done", backfills.path("items").path(0).path("status").asText(), backfills.toString());
                assertEquals(7, backfills.path("items").path(0).path("items_fetched").asInt(), backfills.toString());
                assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());
            }
        }
    }
}
