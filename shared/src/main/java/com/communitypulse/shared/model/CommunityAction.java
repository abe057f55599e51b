package com.communitypulse.shared.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The unified {@code community.action} (docs/design.md section 4). Every platform's delivery is
 * mapped to zero or more of these by the normaliser; the scorer fills in the impact score.
 *
 * @param event      always {@link #EVENT}
 * @param id         deterministic: the same delivery always gives the same id
 * @param actor      the platform's stable id, prefixed, e.g. {@code github:583231}
 * @param actorLogin the current handle, e.g. {@code octocat}
 * @param actorKind  {@code user} or {@code bot}
 * @param timestamp  when it happened on the platform (ISO-8601 UTC), not when it arrived
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunityAction(
        String event,
        String id,
        String actor,
        @JsonProperty("actor_login") String actorLogin,
        @JsonProperty("actor_kind") String actorKind,
        ActionContext context,
        String timestamp) {

    public static final String EVENT = "community.action";
    public static final String USER = "user";
    public static final String BOT = "bot";

    @JsonIgnore // derived from actor_kind, not a field of the published schema
    public boolean isBot() {
        return BOT.equals(actorKind);
    }

    public CommunityAction withContext(ActionContext newContext) {
        return new CommunityAction(event, id, actor, actorLogin, actorKind, newContext, timestamp);
    }
}
