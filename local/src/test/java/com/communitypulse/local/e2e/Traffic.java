package com.communitypulse.local.e2e;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates signed deliveries from several platforms, as each platform signs them, together with
 * what docs/design.md's heuristic says each one is worth, so a test can compare the system's totals
 * with an expectation computed here, independently of the code under test.
 */
final class Traffic {
    static final String GITHUB_SECRET = "dev-github-secret";
    static final String SLACK_SECRET = "dev-slack-secret";
    static final String DISCOURSE_SECRET = "dev-discourse-secret";
    static final String COMMUNITY_SECRET = "dev-community-secret";

    /**
     * One HTTP request to send, and what it should add to whom (actor null for hostile requests; type
     * null for a delivery that must add nothing, as the second of a star's pair or a replayed body).
     * Signed when sent: Slack and custom signatures carry a time, and a test under load may send a
     * delivery minutes after making it.
     */
    record Delivery(String platform, String key, Signing signing, byte[] body, String actor, String type, double impact) {
        HttpRequest request() throws Exception {
            return signing.at(Instant.now().getEpochSecond());
        }
    }

    /** The request as its platform signs it at {@code epochSecond}. */
    interface Signing {
        HttpRequest at(long epochSecond) throws Exception;
    }

    static final class Expected {
        double score;
        final Map<String, Integer> counts = new TreeMap<>();
    }

    private final String baseUrl;
    private final Random random;
    private final ObjectNode issueTemplate;
    private final ObjectNode commentTemplate;
    private int sequence;

    Traffic(String baseUrl, long seed) throws Exception {
        this.baseUrl = baseUrl;
        this.random = new Random(seed);
        this.issueTemplate = (ObjectNode) Json.mapper().readTree(Deliveries.githubSample("issues.opened.json"));
        this.commentTemplate = (ObjectNode) Json.mapper().readTree(Deliveries.githubSample("issue_comment.created.json"));
    }

    /** A genuine delivery from a random platform and one of {@code people} people per platform. */
    Delivery genuine(int people) throws Exception {
        int n = ++sequence;
        int person = random.nextInt(people);
        return switch (random.nextInt(4)) {
            case 0 -> githubIssue(n, person);
            case 1 -> githubComment(n, person, random.nextInt(5) == 0 ? 600 : 40);
            case 2 -> slackMessage(n, person);
            default -> communityAction(n, person);
        };
    }

    Delivery githubIssue(int n, int person) throws Exception {
        ObjectNode body = issueTemplate.deepCopy();
        ObjectNode issue = (ObjectNode) body.get("issue");
        issue.put("id", 900_000_000L + n);
        issue.put("number", 10_000 + n);
        issue.put("created_at", Instant.now().minusSeconds(60).toString().replaceAll("\\.\\d+Z", "Z"));
        issue.put("author_association", "FIRST_TIME_CONTRIBUTOR");
        ObjectNode user = githubUser(person);
        issue.set("user", user);
        body.set("sender", user);
        return github("issues", n, body, "github:" + (5_000_000 + person), "issue_opened", 0.3);
    }

    Delivery githubComment(int n, int person, int length) throws Exception {
        ObjectNode body = commentTemplate.deepCopy();
        ObjectNode comment = (ObjectNode) body.get("comment");
        comment.put("id", 800_000_000L + n);
        comment.put("body", "x".repeat(length));
        comment.put("created_at", Instant.now().minusSeconds(30).toString().replaceAll("\\.\\d+Z", "Z"));
        comment.put("author_association", "CONTRIBUTOR");
        ObjectNode user = githubUser(person);
        comment.set("user", user);
        body.set("sender", user);
        return github("issue_comment", n, body, "github:" + (5_000_000 + person), "comment", length > 500 ? 0.4 : 0.1);
    }

    private ObjectNode githubUser(int person) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.put("login", "person" + person);
        user.put("id", 5_000_000 + person);
        user.put("type", "User");
        user.put("site_admin", false);
        return user;
    }

    private Delivery github(String event, int n, ObjectNode body, String actor, String type, double impact) throws Exception {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        String deliveryId = "load-" + n;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-GitHub-Hook-ID", "77")
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return new Delivery("github", deliveryId, at -> request, bytes, actor, type, impact); // GitHub signs the body only
    }

    /**
     * A star as GitHub sends it: a {@code star} (created) and a {@code watch} (started) delivery,
     * each with its own delivery id, for one action. Each star is of its own repository, so the
     * same person starring again is a new action.
     */
    List<Delivery> githubStar(int person) throws Exception {
        int n = ++sequence;
        ObjectNode repository = ((ObjectNode) issueTemplate.get("repository")).deepCopy();
        repository.put("id", 600_000_000L + n);
        repository.put("name", "starred-" + n);
        repository.put("full_name", "load/starred-" + n);
        ObjectNode user = githubUser(person);
        ObjectNode star = Json.mapper().createObjectNode();
        star.put("action", "created");
        star.put("starred_at", Instant.now().minusSeconds(20).toString().replaceAll("\\.\\d+Z", "Z"));
        star.set("repository", repository);
        star.set("sender", user);
        ObjectNode watch = Json.mapper().createObjectNode();
        watch.put("action", "started");
        watch.set("repository", repository);
        watch.set("sender", user);
        String actor = "github:" + (5_000_000 + person);
        return List.of(github("star", n, star, actor, "starred", 0.1),
                github("watch", ++sequence, watch, actor, null, 0));
    }

    /**
     * A GitHub delivery's signed body sent again under a fresh, made-up {@code X-GitHub-Delivery}:
     * the header is not signed, so anyone holding one signed body can do this. It is accepted (a new
     * delivery id) and must add nothing.
     */
    static Delivery replayedWithFreshId(Delivery original, int copy) throws Exception {
        HttpRequest signed = original.request();
        String deliveryId = "replay-" + copy + "-" + original.key();
        HttpRequest.Builder replay = HttpRequest.newBuilder(signed.uri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(original.body()));
        signed.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("X-GitHub-Delivery")) {
                values.forEach(value -> replay.header(name, value));
            }
        });
        HttpRequest request = replay.header("X-GitHub-Delivery", deliveryId).build();
        return new Delivery("github", deliveryId, at -> request, original.body(), original.actor(), null, 0);
    }

    Delivery slackMessage(int n, int person) throws Exception {
        long now = Instant.now().getEpochSecond();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("token", "unused");
        body.put("team_id", "T0LOAD");
        body.put("api_app_id", "A0LOAD");
        body.put("type", "event_callback");
        body.put("event_id", "Ev" + n);
        body.put("event_time", now - 5);
        ObjectNode event = body.putObject("event");
        event.put("type", "message");
        event.put("user", "U" + person);
        event.put("channel", "C0GENERAL");
        event.put("text", "hello from load test " + n);
        event.put("ts", (now - 5) + "." + String.format("%06d", n % 1_000_000));
        event.put("event_ts", (now - 5) + "." + String.format("%06d", n % 1_000_000));
        event.put("channel_type", "channel");
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        return new Delivery("slack", "Ev" + n, at -> slackRequest(bytes, at, null), bytes, "slack:T0LOAD:U" + person,
                "message_posted", 0.1);
    }

    HttpRequest slackRequest(byte[] bytes, long timestamp, String retryNum) throws Exception {
        String base = "v0:" + timestamp + ":" + new String(bytes, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/slack"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", "v0=" + hmacHex(SLACK_SECRET, base.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return request.build();
    }

    Delivery communityAction(int n, int person) throws Exception {
        String[] types = {"docs_edited", "release_published", "kudos_given", "pr_merged"};
        double[] impacts = {0.1, 0.1, 0.1, 0.6};
        int t = random.nextInt(types.length);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("event", "community.action");
        body.put("id", "load-custom-" + n);
        body.put("actor", "custom:member" + person);
        body.put("actor_login", "member" + person);
        body.put("actor_kind", "user");
        ObjectNode context = body.putObject("context");
        context.put("platform", "custom");
        context.put("type", types[t]);
        context.put("repo", "community-site");
        body.put("timestamp", Instant.now().minusSeconds(10).toString().replaceAll("\\.\\d+Z", "Z"));
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        return new Delivery("custom", "load-custom-" + n, at -> communityRequest(bytes, at, COMMUNITY_SECRET), bytes,
                "custom:member" + person, types[t], impacts[t]);
    }

    HttpRequest communityRequest(byte[] bytes, long timestamp, String secret) throws Exception {
        byte[] signed = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[signed.length + bytes.length];
        System.arraycopy(signed, 0, message, 0, signed.length);
        System.arraycopy(bytes, 0, message, signed.length, bytes.length);
        return HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/community"))
                .header("Content-Type", "application/json")
                .header("X-Signature-Timestamp", Long.toString(timestamp))
                .header("X-Signature", hmacHex(secret, message))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    /** A hostile request: none of these may leave a trace. */
    Delivery hostile(int kind) throws Exception {
        int n = ++sequence;
        byte[] body = Json.mapper().writeValueAsBytes(issueTemplate);
        HttpRequest.Builder github = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github"))
                .header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", "hostile-" + n)
                .header("X-GitHub-Hook-ID", "77");
        Object request = switch (kind % 5) {
            case 0 -> github.header("Content-Type", "application/json") // wrong secret
                    .header("X-Hub-Signature-256", "sha256=" + hmacHex("guessed-secret", body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            case 1 -> { // a Slack delivery signed correctly but 10 minutes before it is sent: a replay
                byte[] replay = ("{\"type\":\"event_callback\",\"event_id\":\"EvReplay" + n
                        + "\",\"team_id\":\"T0LOAD\",\"event\":{\"type\":\"message\",\"user\":\"U1\",\"ts\":\"1.1\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                yield new Delivery("hostile", "hostile-" + n, at -> slackRequest(replay, at - 600, null), null, null, null, 0);
            }
            case 2 -> { // signature of the whole body, half the body sent
                byte[] whole = Json.mapper().writeValueAsBytes(issueTemplate);
                byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
                yield github.header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, whole))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(half)).build();
            }
            case 3 -> { // 2 MB, correctly signed
                byte[] big = ("{\"padding\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
                yield github.header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, big))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
            }
            default -> github.header("Content-Type", "text/plain") // wrong content type, valid signature
                    .header("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        };
        if (request instanceof Delivery timed) {
            return timed;
        }
        HttpRequest fixed = (HttpRequest) request;
        return new Delivery("hostile", "hostile-" + n, at -> fixed, null, null, null, 0);
    }

    static Map<String, Expected> expectations(List<Delivery> unique) {
        Map<String, Expected> expected = new HashMap<>();
        for (Delivery delivery : unique) {
            if (delivery.type() == null) {
                continue; // adds nothing: the second of a star's pair, a replayed body
            }
            Expected e = expected.computeIfAbsent(delivery.actor(), a -> new Expected());
            e.score += delivery.impact();
            e.counts.merge(delivery.type(), 1, Integer::sum);
        }
        return expected;
    }

    static List<Delivery> uniqueOnly(List<Delivery> deliveries) {
        List<Delivery> unique = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Delivery d : deliveries) {
            if (d.actor() != null && seen.add(d.platform() + "/" + d.key())) {
                unique.add(d);
            }
        }
        return unique;
    }

    static String hmacHex(String secret, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }
}
