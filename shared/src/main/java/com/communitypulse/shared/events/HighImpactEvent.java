package com.communitypulse.shared.events;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The detail of {@code action.high_impact} (source {@code community-pulse.score}): a person's action scored above
 * the scoring config's {@code high_impact_threshold}. Its schema is {@link #SCHEMA}.
 *
 * @param person the person's id
 * @param login  the person's display login
 * @param action the scored {@code community.action} ({@code context.impact_score} above the threshold)
 */
public record HighImpactEvent(String person, String login, CommunityAction action) {
    public static final String DETAIL_TYPE = Sources.HIGH_IMPACT;
    public static final String SCHEMA = "/schemas/action-high-impact.schema.json";

    public ObjectNode detail() {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("person", person).put("login", login);
        detail.set("action", Json.mapper().valueToTree(action));
        return detail;
    }

    public static HighImpactEvent fromDetail(JsonNode detail) {
        return Json.mapper().convertValue(detail, HighImpactEvent.class);
    }
}
