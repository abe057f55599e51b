package com.communitypulse.bench;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Signed GitHub deliveries in a typical community's mix, from the repository's samples: of every 20,
 * 8 issue comments, 5 issues opened, 3 pull requests opened, 2 merged and 2 stars; each with its own
 * ids and delivery id, from a pool of people, posted one at a time.
 */
final class DeliveryMix {
    private final String url;
    private final String secret;
    private final ObjectNode issue;
    private final ObjectNode comment;
    private final ObjectNode pullOpened;
    private final ObjectNode pullMerged;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private long sequence;

    DeliveryMix(Repo repo, String baseUrl, String secret) throws IOException {
        this.url = baseUrl + "/webhooks/github";
        this.secret = secret;
        this.issue = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "issues.opened.json"));
        this.comment = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "issue_comment.created.json"));
        this.pullOpened = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "pull_request.opened.json"));
        this.pullMerged = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "pull_request.merged.json"));
    }

    /** Sends {@code count} deliveries by people {@code firstId .. firstId + people - 1}; fails on any answer but 202. */
    void send(int count, long firstId, int people) throws IOException, InterruptedException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < count; i++) {
            long n = ++sequence;
            long person = firstId + (i * 7L) % people;
            ObjectNode user = Json.mapper().createObjectNode();
            user.put("login", "mix-person-" + person);
            user.put("id", person);
            user.put("type", "User");
            user.put("site_admin", false);
            int slot = (int) (n % 20);
            ObjectNode body;
            String event;
            if (slot < 8) {
                body = comment.deepCopy();
                ((ObjectNode) body.get("issue")).put("number", 200_000 + n % 500);
                ObjectNode item = (ObjectNode) body.get("comment");
                item.put("id", 700_000_000L + n);
                item.put("created_at", now);
                item.set("user", user);
                event = "issue_comment";
            } else if (slot < 13) {
                body = issue.deepCopy();
                ObjectNode item = (ObjectNode) body.get("issue");
                item.put("id", 600_000_000L + n);
                item.put("number", 300_000 + n);
                item.put("created_at", now);
                item.set("user", user);
                event = "issues";
            } else if (slot < 18) {
                body = (slot < 16 ? pullOpened : pullMerged).deepCopy();
                ObjectNode item = (ObjectNode) body.get("pull_request");
                item.put("id", 500_000_000L + n);
                item.put("number", 400_000 + n);
                body.put("number", 400_000 + n);
                item.put("created_at", now);
                item.set("user", user);
                event = "pull_request";
            } else {
                body = Json.mapper().createObjectNode();
                body.put("action", "started");
                body.set("repository", issue.get("repository"));
                event = "watch";
            }
            body.set("sender", user);
            byte[] bytes = Json.mapper().writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            Samples.githubHeaders(event, UUID.randomUUID().toString(), bytes, secret).forEach((name, value) -> {
                if (!name.equalsIgnoreCase("User-Agent")) {
                    request.header(name, value);
                }
            });
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException(event + " delivery answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }
}
