package com.communitypulse.shared.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the webhook function puts on the bus for the normaliser
 * ({@code source=community-pulse.webhook}, {@code detail-type=<platform>.<event>}).
 *
 * @param platform   {@code github | discourse | discord | slack | custom}
 * @param event      the platform's event name (GitHub {@code X-GitHub-Event}, Discourse
 *                   {@code X-Discourse-Event}, Slack {@code event.type}, Discord {@code command.<name>})
 * @param deliveryId the platform's delivery id (or a content hash where it has none)
 * @param receivedAt when the webhook function accepted it (ISO-8601 UTC); the timestamp of
 *                   last resort for events that carry no time of their own
 * @param headers    the platform headers the normaliser needs, lower-cased names
 * @param payload    the verified JSON payload, or null when it was too large for the bus
 * @param payloadRef where the full payload was stored (claim check) when it was too large
 * @param origin     absent for a live delivery; {@value #BACKFILL} for one the backfill function rebuilt from the
 *                   platform's API (history: scored, never greeted), carried into {@code context.origin}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawDelivery(
        String platform,
        String event,
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("received_at") String receivedAt,
        Map<String, String> headers,
        JsonNode payload,
        @JsonProperty("payload_ref") String payloadRef,
        String origin) {
    /** The {@code origin} of history rebuilt by the backfill function. */
    public static final String BACKFILL = "backfill";

    /** A live delivery (no origin). */
    public RawDelivery(String platform, String event, String deliveryId, String receivedAt, Map<String, String> headers,
                       JsonNode payload, String payloadRef) {
        this(platform, event, deliveryId, receivedAt, headers, payload, payloadRef, null);
    }
}
