package com.communitypulse.normalise.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One raw delivery as the rules see it: the webhook's {@code RawDelivery} with its arrival time
 * parsed and its payload never null.
 *
 * @param platform   github | discourse | discord | slack | custom
 * @param event      the platform's event name (X-GitHub-Event, X-Discourse-Event, Slack event.type, ...)
 * @param deliveryId the platform's delivery id, for logs only (never part of an action id)
 * @param receivedAt when the webhook accepted it: the timestamp of last resort
 * @param headers    lower-cased header names
 * @param payload    the platform's JSON
 * @param origin     null for a live delivery, {@code backfill} for history (passed on to {@code context.origin})
 */
record Delivery(String platform, String event, String deliveryId, Instant receivedAt,
                Map<String, String> headers, JsonNode payload, String origin) {

    /** The GitHub-style {@code action} field of the payload, or "" when there is none. */
    String action() {
        return payload.path("action").asText("");
    }

    boolean actionIs(String... names) {
        String action = action();
        for (String name : names) {
            if (name.equals(action)) {
                return true;
            }
        }
        return false;
    }

    String header(String lowerCaseName) {
        return headers == null ? null : headers.get(lowerCaseName);
    }
}
