package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What an authentic request turned out to be. */
public sealed interface Interpretation {

    /** A handshake (ping, url_verification, Discord PING) or an event Community Pulse does not use: answered, never published. */
    record Answer(WebhookResponse response) implements Interpretation {
    }

    /**
     * A delivery for the bus.
     *
     * @param event      the platform's event name ({@code pull_request}, {@code post_created}, {@code command.kudos})
     * @param deliveryId the platform's id of this delivery
     * @param dedupKey   what identifies the delivery across retries (see each platform)
     * @param headers    the platform headers the normaliser needs, lower-case names
     * @param payload    the parsed JSON payload
     * @param reply      the answer once published; null for the default {@code 202 {"status":"accepted"}}
     */
    record Delivery(String event, String deliveryId, String dedupKey, Map<String, String> headers, JsonNode payload,
                    WebhookResponse reply) implements Interpretation {
    }
}
