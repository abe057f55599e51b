package com.communitypulse.normalise.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code community.action} exactly as the published schema describes it. Jackson would also
 * write {@code CommunityAction.isBot()} as a {@code "bot"} property; {@code actor_kind} already
 * says it, so the derived copy is left out of what goes on the bus.
 */
public final class ActionJson {
    private ActionJson() {
    }

    public static ObjectNode tree(CommunityAction action) {
        ObjectNode tree = Json.mapper().valueToTree(action);
        tree.remove("bot");
        return tree;
    }

    public static String write(CommunityAction action) {
        return tree(action).toString();
    }
}
