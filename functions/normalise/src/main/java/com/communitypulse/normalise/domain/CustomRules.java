package com.communitypulse.normalise.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom sources ({@code POST /webhooks/community}, event {@code action}): the payload is one
 * {@code community.action}. The source is trusted as far as its shared secret goes: it speaks for
 * its own people ({@code custom:<id>} or any namespace of its own, e.g. {@code jira:42}), and for a
 * platform's people only when {@code CUSTOM_SOURCE_PLATFORMS} names that platform; otherwise its
 * actions are always {@code platform: custom}.
 */
final class CustomRules {
    static final String PLATFORM = "custom";

    private CustomRules() {
    }

    static List<Rule> rules(NormaliserConfig config) {
        return List.of(
                Rule.on(PLATFORM, "action").when("`actor` in a platform's namespace (e.g. `github:`) that "
                                + "`CUSTOM_SOURCE_PLATFORMS` does not list", d -> !mayCredit(d, config))
                        .ignore("a custom source cannot credit another platform's people unless allowed"),
                Rule.on(PLATFORM, "action").when("a `community.action` that validates against the schema", d -> true)
                        .gives(Rule.TYPE_AS_SENT, "`actor` as sent", "`timestamp` as sent (offsets parsed to UTC), "
                                        + "else arrival",
                                "`custom:id:{id}` when an `id` is sent, else `custom:content:{the action as sent, keys sorted}`",
                                d -> List.of(normalise(d, config))),
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("any other event", d -> true)
                        .ignore("custom sources send `action` only"));
    }

    /** The actor's namespace is the source's own, or a platform it is allowed to speak for. */
    private static boolean mayCredit(Delivery d, NormaliserConfig config) {
        String actor = d.payload().path("actor").asText("");
        int colon = actor.indexOf(':');
        if (colon <= 0) {
            return true; // the schema check of the next rule reports a malformed actor
        }
        String namespace = actor.substring(0, colon);
        return !NormaliserConfig.KNOWN_PLATFORMS.contains(namespace) || config.customSourcePlatforms().contains(namespace);
    }

    static Normalised normalise(Delivery d, NormaliserConfig config) throws Unmappable {
        if (!d.payload().isObject()) {
            throw new Unmappable("custom payload is not a JSON object");
        }
        ObjectNode sent = d.payload().deepCopy();
        dropNulls(sent);
        if (sent.has("context") && !sent.get("context").isObject()) {
            throw new Unmappable("custom action: context is not an object");
        }
        String key = key(sent);

        ObjectNode action = sent.deepCopy();
        ObjectNode context = action.has("context") ? (ObjectNode) action.get("context") : action.putObject("context");
        if (!action.has("event")) {
            action.put("event", CommunityAction.EVENT);
        }
        action.put("id", Ids.of(key));
        context.remove("impact_score"); // the scorer's to set
        context.remove("github_profiles"); // the normaliser's own, from a message it read: never taken as sent
        String platform = context.path("platform").asText("");
        if (!config.customSourcePlatforms().contains(platform)) {
            context.put("platform", PLATFORM);
        }
        if (d.deliveryId() != null) {
            context.put("delivery_id", d.deliveryId());
        } else {
            context.remove("delivery_id");
        }
        if (!action.has("actor_kind")) {
            action.put("actor_kind", CommunityAction.USER);
        }
        String actor = action.path("actor").asText("");
        if (!action.has("actor_login") && actor.indexOf(':') > 0) {
            action.put("actor_login", actor.substring(actor.indexOf(':') + 1));
        }
        if (!action.has("timestamp")) {
            if (d.receivedAt() == null) {
                throw new Unmappable("custom action without timestamp, and no received_at");
            }
            action.put("timestamp", Times.format(d.receivedAt()));
        } else if (Times.parse(action.get("timestamp")) != null && action.get("timestamp").isTextual()) {
            action.put("timestamp", Times.format(Times.parse(action.get("timestamp"))));
        }

        List<String> problems = ActionSchema.get().problems(action);
        if (!problems.isEmpty()) {
            throw new Unmappable("custom action does not match the community.action schema: " + problems);
        }
        try {
            return new Normalised(key, Json.mapper().treeToValue(action, CommunityAction.class));
        } catch (JsonProcessingException e) {
            throw new Unmappable("custom action cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * From what the source sent, never from what this function adds (delivery id, arrival time), so
     * a retry of the same body always gives the same id.
     */
    private static String key(ObjectNode sent) throws Unmappable {
        String id = sent.path("id").isTextual() ? sent.get("id").asText() : null;
        if (id != null && !id.isBlank()) {
            return "custom:id:" + id;
        }
        ObjectNode content = sent.deepCopy();
        content.remove("id");
        if (content.get("context") instanceof ObjectNode context) {
            context.remove("impact_score");
            context.remove("delivery_id");
        }
        try {
            Object plain = Json.mapper().treeToValue(content, Object.class);
            return "custom:content:" + Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new Unmappable("custom action cannot be read: " + e.getOriginalMessage());
        }
    }

    /** {@code "repo": null} means "no repo": the schema (like the Java model) leaves absent fields out. */
    private static void dropNulls(ObjectNode node) {
        List<String> nulls = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                nulls.add(field.getKey());
            } else if (field.getValue() instanceof ObjectNode child) {
                dropNulls(child);
            }
        });
        node.remove(nulls);
    }
}
