package com.communitypulse.webhook.domain;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.shared.observability.Correlation;
import com.communitypulse.webhook.WebhookMetrics;
import com.communitypulse.webhook.platform.CommunityWebhook;
import com.communitypulse.webhook.platform.DiscordInteractions;
import com.communitypulse.webhook.platform.DiscourseWebhook;
import com.communitypulse.webhook.platform.GitHubWebhook;
import com.communitypulse.webhook.platform.Interpretation;
import com.communitypulse.webhook.platform.Platform;
import com.communitypulse.webhook.platform.Rejected;
import com.communitypulse.webhook.platform.SlackEvents;
import com.communitypulse.webhook.secrets.SecretSource;
import com.communitypulse.webhook.secrets.SecretUnavailableException;
import com.communitypulse.webhook.store.DeliveryClaimStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every platform's front door, in one order: route (404) -> size (413) -> content type (415) ->
 * signature (401) -> shape (400) -> handshake answered -> projection for the bus (413) ->
 * claim the delivery (duplicate: 200; being published right now: 409, retry) -> publish (failure: claim
 * released, 503) -> confirm the claim -> answer.
 * Nothing rejected reaches the bus or the table. A rejection is logged with the platform, the
 * reason and the request id only: never a secret, a signature or a body.
 */
public final class WebhookService {
    /** Largest decoded body accepted (1 MiB). Real deliveries are far smaller; GitHub's cap is 25 MB. */
    public static final int MAX_BODY_BYTES = 1_048_576;

    /**
     * Retry-After on a copy in progress: the function's timeout, by when the first copy's claim is done or
     * given back (a claim still pending after
     * {@link com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore#ABANDONED_AFTER} is taken over).
     */
    static final java.time.Duration IN_PROGRESS_RETRY_AFTER = java.time.Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

    private final Map<String, Platform> platforms = new LinkedHashMap<>();
    private final SecretSource secrets;
    private final DeliveryClaimStore claims;
    private final EventPublisher publisher;
    private final WebhookMetrics metrics;
    private final DetailProjection projection;
    private final Clock clock;

    public WebhookService(SecretSource secrets, DeliveryClaimStore claims, EventPublisher publisher, WebhookMetrics metrics,
                          DetailProjection projection, Clock clock) {
        this.secrets = secrets;
        this.claims = claims;
        this.publisher = publisher;
        this.metrics = metrics;
        this.projection = projection;
        this.clock = clock;
        for (Platform platform : List.of(new GitHubWebhook(), new DiscourseWebhook(), new DiscordInteractions(),
                new SlackEvents(), new CommunityWebhook())) {
            platforms.put(platform.route(), platform);
        }
    }

    public WebhookService(SecretSource secrets, DeliveryClaimStore claims, EventPublisher publisher, WebhookMetrics metrics) {
        this(secrets, claims, publisher, metrics, new DetailProjection(), Clock.systemUTC());
    }

    public WebhookResponse handle(WebhookRequest request) {
        Platform platform = request.route() == null ? null : platforms.get(request.route());
        if (platform == null) {
            return reject("unknown", request, WebhookResponse.rejected(404, "unknown_platform",
                    "no webhook route for this platform; use one of " + String.join(", ", platforms.keySet())));
        }
        Optional<byte[]> body;
        try {
            body = decodedBody(request);
        } catch (IllegalArgumentException notBase64) {
            return reject(platform.id(), request, WebhookResponse.rejected(400, "bad_base64",
                    "the body is marked base64-encoded but is not valid base64"));
        }
        if (body.isEmpty()) {
            return reject(platform.id(), request, WebhookResponse.rejected(413, "too_large",
                    "the body is over the limit of " + MAX_BODY_BYTES + " bytes"));
        }
        if (request.mediaType().filter(platform.mediaTypes()::contains).isEmpty()) {
            return reject(platform.id(), request, WebhookResponse.rejected(415, "unsupported_content_type",
                    "Content-Type must be one of " + String.join(", ", platform.mediaTypes().stream().sorted().toList())));
        }
        List<String> keys;
        try {
            keys = secrets.secrets(platform.secret());
        } catch (SecretUnavailableException e) {
            LOG.error("webhook secret unavailable platform={} request_id={} cause={}", platform.id(), request.requestId(), e.getMessage());
            return reject(platform.id(), request, WebhookResponse.rejected(503, "secret_unavailable",
                    "the signing secret for this platform is not available; retry later"));
        }
        Instant now = clock.instant();
        Interpretation interpretation;
        try {
            platform.verify(request, body.get(), keys, now);
            interpretation = platform.interpret(request, body.get(), now);
        } catch (Rejected rejected) {
            return reject(platform.id(), request, rejected.toResponse());
        }
        if (interpretation instanceof Interpretation.Answer answer) {
            return answer.response();
        }
        return deliver(platform, request, (Interpretation.Delivery) interpretation, now);
    }

    private WebhookResponse deliver(Platform platform, WebhookRequest request, Interpretation.Delivery delivery, Instant now) {
        // every log line from here on carries delivery_id, which normalise, score and welcome carry on
        try (Correlation.Scope ids = Correlation.forDelivery(delivery.deliveryId())) {
            return claimAndPublish(platform, request, delivery, now);
        }
    }

    private WebhookResponse claimAndPublish(Platform platform, WebhookRequest request, Interpretation.Delivery delivery,
                                            Instant now) {
        RawDelivery raw = new RawDelivery(platform.id(), delivery.event(), delivery.deliveryId(),
                now.truncatedTo(ChronoUnit.MILLIS).toString(), delivery.headers(), delivery.payload(), null);
        Optional<String> detail = projection.fit(raw);
        if (detail.isEmpty()) {
            return reject(platform.id(), request, WebhookResponse.rejected(413, "too_large_for_bus",
                    "the payload cannot be reduced under the event bus limit"));
        }
        DeliveryClaimStore.Outcome claim;
        try {
            claim = claims.claim(platform.id(), delivery.dedupKey(), delivery.deliveryId(), now);
        } catch (RuntimeException e) {
            LOG.error("webhook claim failed platform={} request_id={} cause={}", platform.id(), request.requestId(), e.toString());
            return reject(platform.id(), request, WebhookResponse.rejected(503, "store_unavailable",
                    "the delivery could not be recorded; retry later"));
        }
        if (claim == DeliveryClaimStore.Outcome.DUPLICATE) {
            metrics.duplicate(platform.id());
            LOG.info("webhook duplicate platform={} event={} delivery_id={} request_id={}",
                    platform.id(), delivery.event(), delivery.deliveryId(), request.requestId());
            return WebhookResponse.json(200, "status", "duplicate", "delivery_id", delivery.deliveryId());
        }
        if (claim == DeliveryClaimStore.Outcome.IN_PROGRESS) {
            // Another invocation is publishing this very delivery and may still fail. A 2xx would end the
            // platform's retries (Slack's first retry comes at 3 s, before the first copy's answer), so the
            // copy is retryable until one copy is acknowledged after its publish succeeded.
            Optional<WebhookResponse> answer = platform.copyInProgress();
            if (answer.isPresent()) {
                metrics.duplicate(platform.id());
                return answer.get();
            }
            return reject(platform.id(), request, WebhookResponse.rejected(409, "in_progress",
                    "a copy of this delivery is being published right now; retry later")
                    .withHeader("Retry-After", Long.toString(IN_PROGRESS_RETRY_AFTER.toSeconds())));
        }
        try {
            publisher.publish(List.of(new BusEvent(Sources.WEBHOOK, platform.id() + "." + delivery.event(), detail.get())));
        } catch (RuntimeException e) {
            LOG.error("webhook publish failed platform={} request_id={} cause={}", platform.id(), request.requestId(), e.toString());
            releaseQuietly(platform, delivery, request);
            return reject(platform.id(), request, WebhookResponse.rejected(503, "bus_unavailable",
                    "the delivery could not be put on the event bus; retry later"));
        }
        try {
            claims.confirm(platform.id(), delivery.dedupKey(), now);
        } catch (RuntimeException e) {
            // it is on the bus; the claim stays pending, so a retry after a minute publishes again (at least once)
            LOG.error("webhook claim not confirmed platform={} request_id={} cause={}", platform.id(), request.requestId(), e.toString());
        }
        metrics.accepted(platform.id());
        LOG.info("webhook accepted platform={} event={} delivery_id={} request_id={}",
                platform.id(), delivery.event(), delivery.deliveryId(), request.requestId());
        return delivery.reply() != null ? delivery.reply()
                : WebhookResponse.json(202, "status", "accepted", "delivery_id", delivery.deliveryId());
    }

    private void releaseQuietly(Platform platform, Interpretation.Delivery delivery, WebhookRequest request) {
        try {
            claims.release(platform.id(), delivery.dedupKey());
        } catch (RuntimeException e) {
            // the retry will be taken for a duplicate until the claim expires: say so loudly
            LOG.error("webhook claim NOT released after a failed publish platform={} delivery_id={} request_id={} cause={}",
                    platform.id(), delivery.deliveryId(), request.requestId(), e.toString());
        }
    }

    /**
     * The body's bytes, base64-decoded when API Gateway encoded it; empty when over the limit.
     *
     * @throws IllegalArgumentException when it claims to be base64 and is not
     */
    static Optional<byte[]> decodedBody(WebhookRequest request) {
        String body = request.body();
        if (!request.base64Encoded()) {
            if (body.length() > MAX_BODY_BYTES) { // a char is at least one UTF-8 byte
                return Optional.empty();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
        }
        if ((long) body.length() / 4 * 3 > MAX_BODY_BYTES + 3L) { // decide before allocating
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(body.strip());
        return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    private WebhookResponse reject(String platform, WebhookRequest request, WebhookResponse response) {
        metrics.rejected(platform, response.reason());
        LOG.warn("webhook rejected platform={} reason={} request_id={}", platform, response.reason(), request.requestId());
        return response;
    }
}
