package com.communitypulse.bench;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.webhook.domain.DetailProjection;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.platform.GitHubWebhook;
import com.communitypulse.webhook.platform.Interpretation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The deliveries and events the benchmarks feed the functions, taken from {@code events/}. */
final class Samples {
    /** The ~10 KB GitHub delivery of the warm benchmarks: {@code events/github/issues.opened.json}, compact. */
    static final String DELIVERY_FILE = "issues.opened.json";
    static final String DELIVERY_EVENT = "issues";

    private Samples() {
    }

    /** {@code events/github/<file>} re-serialised compactly, as GitHub sends it. */
    static byte[] github(Repo repo, String file) {
        try {
            JsonNode tree = Json.mapper().readTree(repo.read(Path.of("events", "github", file)));
            return Json.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers GitHub sends with a delivery (signature included). */
    static Map<String, String> githubHeaders(String event, String deliveryId, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/bench");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Hook-ID", "424242");
        headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body));
        return headers;
    }

    /**
     * The bus event the webhook function publishes for this delivery, built with the webhook's own
     * classes (interpretation and bus projection), as the normaliser receives it.
     */
    static ObjectNode webhookBusEvent(String event, byte[] body, String secret) throws Exception {
        String deliveryId = UUID.randomUUID().toString();
        WebhookRequest request = new WebhookRequest("github", githubHeaders(event, deliveryId, body, secret),
                new String(body, StandardCharsets.UTF_8), false, "bench");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        GitHubWebhook github = new GitHubWebhook();
        github.verify(request, body, List.of(secret), now);
        Interpretation.Delivery delivery = (Interpretation.Delivery) github.interpret(request, body, now);
        RawDelivery raw = new RawDelivery("github", delivery.event(), delivery.deliveryId(), now.toString(),
                delivery.headers(), delivery.payload(), null);
        Optional<String> detail = new DetailProjection().fit(raw);
        ObjectNode envelope = envelope("community-pulse.webhook", "github." + delivery.event());
        envelope.set("detail", Json.mapper().readTree(detail.orElseThrow()));
        return envelope;
    }

    static ObjectNode envelope(String source, String detailType) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", "000000000000");
        envelope.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", "us-east-1");
        envelope.putArray("resources");
        return envelope;
    }

    /**
     * The one event a function handles in the cold-start benchmark: the first of {@code preferred}
     * found in {@code events/}, else any {@code events/<module>-*.json}, else one built here. An API
     * Gateway event for the webhook is re-signed with {@code secret}, whatever it was signed with.
     */
    static Path coldStartEvent(Repo repo, FunctionSpecs.Spec spec, Path dir, String githubSecret) throws Exception {
        String module = spec.module();
        List<String> preferred = switch (module) {
            case "webhook" -> List.of("webhook-github-pull-request-opened.json", "webhook-github-issues-opened-form.json");
            case "normalise" -> List.of("normalise-github-pull-request-merged.json", "normalise-github-pull-request-opened.json",
                    "normalise-github-issues-opened.json");
            case "score" -> List.of("score-pr-merged.json");
            case "welcome" -> List.of("welcome-github-pr.json");
            case "digest" -> List.of("digest-scheduled.json", "digest-force.json");
            case "api" -> List.of("api-get-contributor.json", "api-contributor.json", "api-leaderboard.json");
            default -> List.of();
        };
        Path chosen = null;
        for (String name : preferred) {
            if (Files.isRegularFile(repo.events().resolve(name))) {
                chosen = repo.events().resolve(name);
                break;
            }
        }
        if (chosen == null) {
            try (var files = Files.list(repo.events())) {
                chosen = files.filter(f -> f.getFileName().toString().startsWith(module + "-")
                        && f.getFileName().toString().endsWith(".json")).sorted().findFirst().orElse(null);
            }
        }
        JsonNode event;
        String origin;
        if (chosen != null) {
            event = Json.mapper().readTree(Files.readAllBytes(chosen));
            origin = repo.root().relativize(chosen).toString();
        } else {
            event = built(repo, module, githubSecret);
            origin = "built by the bench (no events/" + module + "-*.json yet)";
        }
        if (module.equals("webhook") && event instanceof ObjectNode apiEvent) {
            resign(apiEvent, githubSecret);
            origin += ", re-signed";
        }
        Path file = dir.resolve(spec.logicalId() + ".json");
        Files.write(file, Json.mapper().writeValueAsBytes(event));
        ORIGINS.put(spec.logicalId(), origin);
        return file;
    }

    /** Where each function's cold-start event came from, for the report. */
    static final Map<String, String> ORIGINS = new LinkedHashMap<>();

    private static JsonNode built(Repo repo, String module, String secret) throws Exception {
        switch (module) {
            case "normalise":
                return webhookBusEvent("pull_request", github(repo, "pull_request.opened.json"), secret);
            case "digest": {
                ObjectNode scheduled = envelope("aws.events", "Scheduled Event");
                scheduled.putObject("detail");
                return scheduled;
            }
            case "api": {
                ObjectNode api = Json.mapper().createObjectNode();
                api.put("resource", "/contributors/{id}");
                api.put("path", "/contributors/github:583231");
                api.put("httpMethod", "GET");
                api.putObject("headers").put("Accept", "application/json");
                api.putObject("pathParameters").put("id", "github:583231");
                api.putObject("requestContext").put("requestId", UUID.randomUUID().toString()).put("stage", "dev");
                return api;
            }
            default: {
                byte[] body = github(repo, "pull_request.opened.json");
                ObjectNode api = Json.mapper().createObjectNode();
                api.put("resource", "/webhooks/{platform}");
                api.put("path", "/webhooks/github");
                api.put("httpMethod", "POST");
                api.set("headers", Json.mapper().valueToTree(
                        githubHeaders("pull_request", UUID.randomUUID().toString(), body, secret)));
                api.putObject("pathParameters").put("platform", "github");
                api.putObject("requestContext").put("requestId", UUID.randomUUID().toString()).put("stage", "dev");
                api.put("body", new String(body, StandardCharsets.UTF_8));
                api.put("isBase64Encoded", false);
                return api;
            }
        }
    }

    /** Signs an API Gateway event's body with {@code secret} (GitHub's X-Hub-Signature-256). */
    static void resign(ObjectNode apiEvent, String secret) {
        String body = apiEvent.path("body").asText("");
        byte[] bytes = apiEvent.path("isBase64Encoded").asBoolean(false)
                ? java.util.Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + hmacHex(secret, bytes);
        if (apiEvent.path("headers") instanceof ObjectNode headers) {
            headers.put("X-Hub-Signature-256", signature);
        }
        if (apiEvent.path("multiValueHeaders") instanceof ObjectNode multi && multi.has("X-Hub-Signature-256")) {
            multi.putArray("X-Hub-Signature-256").add(signature);
        }
    }
}
