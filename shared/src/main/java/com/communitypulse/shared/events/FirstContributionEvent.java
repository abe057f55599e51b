package com.communitypulse.shared.events;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The detail of {@code contributor.first_contribution} (source {@code community-pulse.score}): an identity's
 * first action ever. Its schema is {@link #SCHEMA}; the scorer writes it and the welcome function reads it.
 *
 * @param person   the person the identity belongs to (its own id unless it was linked)
 * @param identity the identity that acted, e.g. {@code github:583231}
 * @param login    the identity's login
 * @param platform the identity's platform
 * @param kind     {@code user} or {@code bot} as the scorer judged it (bots are never welcomed)
 * @param action   the scored {@code community.action}
 */
public record FirstContributionEvent(String person, String identity, String login, String platform, String kind,
                                     CommunityAction action) {
    public static final String DETAIL_TYPE = Sources.FIRST_CONTRIBUTION;
    public static final String SCHEMA = "/schemas/contributor-first-contribution.schema.json";

    /** The detail as published, fields in this order. */
    public ObjectNode detail() {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("person", person).put("identity", identity).put("login", login)
                .put("platform", platform).put("kind", kind);
        detail.set("action", Json.mapper().valueToTree(action));
        return detail;
    }

    /** Reads a detail as published (no checks beyond JSON's: consumers check what they need). */
    public static FirstContributionEvent fromDetail(JsonNode detail) {
        return Json.mapper().convertValue(detail, FirstContributionEvent.class);
    }
}
