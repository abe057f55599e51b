package com.communitypulse.welcome.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.Bots;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code detail} of {@code contributor.first_contribution}: who arrived, and the action they
 * arrived with (which says where to answer).
 *
 * @param person   the person's id (first identity seen)
 * @param identity the identity on this platform, e.g. {@code github:583231}
 * @param login    their handle on this platform
 * @param platform {@code github | discourse | discord | slack | custom}
 * @param kind     {@code user} or {@code bot}
 * @param action   the first action
 */
public record FirstContribution(String person, String identity, String login, String platform, String kind,
                                CommunityAction action) {

    public ActionContext context() {
        return action.context();
    }

    /** Bots are never welcomed: the scorer's kind, the action's actor_kind, or a {@code [bot]} login. */
    public boolean isBot() {
        return action.isBot() || Bots.isBot(kind, login);
    }

    /** Reads and checks an event's detail; a clear {@link InvalidEventException} names what is missing. */
    public static FirstContribution fromDetail(JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw new InvalidEventException("detail must be a JSON object");
        }
        String identity = text(detail, "identity");
        String person = detail.hasNonNull("person") ? detail.get("person").asText() : identity;
        JsonNode actionNode = detail.get("action");
        if (actionNode == null || !actionNode.isObject()) {
            throw new InvalidEventException("detail.action (the community.action) is missing");
        }
        CommunityAction action;
        try {
            action = Json.mapper().treeToValue(actionNode, CommunityAction.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("detail.action is not a community.action: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (action.context() == null) {
            throw new InvalidEventException("detail.action.context is missing");
        }
        String platform = detail.hasNonNull("platform") ? detail.get("platform").asText() : action.context().platform();
        if (platform == null || platform.isBlank()) {
            throw new InvalidEventException("detail.platform is missing");
        }
        String login = detail.hasNonNull("login") ? detail.get("login").asText() : action.actorLogin();
        if (login == null || login.isBlank()) {
            throw new InvalidEventException("detail.login is missing");
        }
        String kind = detail.hasNonNull("kind") ? detail.get("kind").asText() : action.actorKind();
        return new FirstContribution(person, identity, login, platform, kind, action);
    }

    /**
     * A {@code community.action} seen by itself (a merge or an accepted answer): the actor is the identity,
     * and the person is the actor until the caller resolves it. Names what is missing, clearly.
     */
    public static FirstContribution fromAction(CommunityAction action) {
        if (action == null) {
            throw new InvalidEventException("detail must be a community.action");
        }
        if (action.actor() == null || action.actor().isBlank() || action.actor().indexOf(':') < 1) {
            throw new InvalidEventException("detail.actor must be platform:id, got " + action.actor());
        }
        if (action.context() == null) {
            throw new InvalidEventException("detail.context is missing");
        }
        String platform = action.context().platform();
        if (platform == null || platform.isBlank()) {
            throw new InvalidEventException("detail.context.platform is missing");
        }
        String login = action.actorLogin();
        if (login == null || login.isBlank()) {
            throw new InvalidEventException("detail.actor_login is missing");
        }
        return new FirstContribution(action.actor(), action.actor(), login, platform, action.actorKind(), action);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("detail." + field + " is missing");
        }
        return value.asText();
    }
}
