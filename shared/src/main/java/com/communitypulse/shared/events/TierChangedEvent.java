package com.communitypulse.shared.events;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The detail of {@code contributor.tier_changed} (source {@code community-pulse.score}): a person's tier went up
 * (an action's evidence) or down (the monthly tier review). Its schema is {@link #SCHEMA}.
 *
 * @param person the person's id
 * @param login  the person's display login
 * @param from   the tier before ({@code User}, {@code Contributor}, {@code Maintainer}, {@code Core Team})
 * @param to     the tier after
 * @param at     when (ISO-8601 UTC)
 * @param reason why, in the scorer's words (e.g. {@code pr_merged}, {@code demotion: ...})
 */
public record TierChangedEvent(String person, String login, String from, String to, String at, String reason) {
    public static final String DETAIL_TYPE = Sources.TIER_CHANGED;
    public static final String SCHEMA = "/schemas/contributor-tier-changed.schema.json";

    public ObjectNode detail() {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("person", person).put("login", login).put("from", from).put("to", to)
                .put("at", at).put("reason", reason);
        return detail;
    }

    public static TierChangedEvent fromDetail(JsonNode detail) {
        return Json.mapper().convertValue(detail, TierChangedEvent.class);
    }
}
