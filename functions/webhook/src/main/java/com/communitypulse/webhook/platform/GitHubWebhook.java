package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.secrets.SecretName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub webhooks: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}, JSON or
 * form-encoded ({@code payload=<json>}, GitHub's default), {@code ping} answered. GitHub signs no
 * timestamp, so de-duplication on ({@code X-GitHub-Hook-ID}, {@code X-GitHub-Delivery}) is the
 * replay defence; a redelivery keeps its GUID.
 */
public final class GitHubWebhook implements Platform {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    /** Headers the normaliser may need, lower-case. */
    private static final List<String> KEPT_HEADERS = List.of("x-github-event", "x-github-hook-id", "x-github-delivery",
            "x-github-hook-installation-target-type", "x-github-hook-installation-target-id");

    @Override
    public String route() {
        return "github";
    }

    @Override
    public String id() {
        return "github";
    }

    @Override
    public SecretName secret() {
        return SecretName.GITHUB;
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of(JSON, FORM);
    }

    @Override
    public void verify(WebhookRequest request, byte[] body, List<String> secrets, Instant now) throws Rejected {
        String header = request.header("X-Hub-Signature-256").orElseThrow(
                () -> Rejected.unauthorized("missing_signature", "X-Hub-Signature-256 header is missing"));
        byte[] given = Signatures.prefixedHex(header, "sha256=");
        if (given == null || !Signatures.anyHmacMatches(secrets, body, given)) {
            throw Rejected.unauthorized("bad_signature", "X-Hub-Signature-256 does not match the body");
        }
    }

    @Override
    public Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected {
        String event = JsonBodies.eventName(request.header("X-GitHub-Event").orElse(null), "X-GitHub-Event");
        String delivery = request.header("X-GitHub-Delivery").orElseThrow(
                () -> Rejected.badRequest("missing_delivery", "X-GitHub-Delivery header is missing"));
        ObjectNode payload = FORM.equals(request.mediaType().orElse(""))
                ? JsonBodies.object(formPayload(body), "the payload form field")
                : JsonBodies.object(body, "the body");
        if ("ping".equals(event)) {
            return new Interpretation.Answer(WebhookResponse.json(200, "status", "pong"));
        }
        String hookId = request.header("X-GitHub-Hook-ID").orElse("-");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            request.header(name).ifPresent(value -> headers.put(name, value));
        }
        return new Interpretation.Delivery(event, delivery, hookId + "#" + delivery, headers, payload, null);
    }

    /** The {@code payload} field of a form-encoded body, URL-decoded. */
    static String formPayload(byte[] body) throws Rejected {
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if ("payload".equals(name)) {
                try {
                    return URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    throw Rejected.badRequest("bad_form", "the form body has an invalid %-escape");
                }
            }
        }
        throw Rejected.badRequest("bad_form", "the form body has no payload field");
    }
}
