package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.ActionBuilder.action;
import static com.communitypulse.shared.model.ActionTypes.ANSWER_ACCEPTED;
import static com.communitypulse.shared.model.ActionTypes.MEMBER_JOINED;
import static com.communitypulse.shared.model.ActionTypes.REACTION_ADDED;
import static com.communitypulse.shared.model.ActionTypes.REPLY_GIVEN;
import static com.communitypulse.shared.model.ActionTypes.TOPIC_CREATED;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Discourse webhooks (event = {@code X-Discourse-Event}). The body has one top-level key named after
 * the event type ({@code post}, {@code topic}, {@code user}, {@code solved}, {@code like}); the
 * instance comes from {@code X-Discourse-Instance} and is part of every actor and thread id, so two
 * forums never mix. Retries carry a new event id, so ids come from the content only.
 */
final class DiscourseRules {
    static final String PLATFORM = "discourse";
    static final String INSTANCE_HEADER = "x-discourse-instance";
    private static final String PRIVATE_MESSAGE = "private_message";

    private DiscourseRules() {
    }

    static List<Rule> rules() {
        return List.of(
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("the post or topic is a private message", DiscourseRules::isPrivate)
                        .ignore("private conversations are never community telemetry"),
                Rule.on(PLATFORM, "post_created").when("`post_number` 1 (a topic's first post)",
                                d -> d.payload().path("post").path("post_number").asInt(0) == 1)
                        .gives(TOPIC_CREATED, "post author (`post.user_id`)", "`post.created_at`",
                                "`discourse:{host}:topic_created:{topic_id}` (same id as `topic_created`: counted once)",
                                DiscourseRules::firstPost),
                Rule.on(PLATFORM, "post_created").when("`post_number` > 1", d -> true)
                        .gives(REPLY_GIVEN, "post author (`post.user_id`)", "`post.created_at`",
                                "`discourse:{host}:post:{post id}`", DiscourseRules::reply),
                Rule.on(PLATFORM, "topic_created").when("any", d -> true)
                        .gives(TOPIC_CREATED, "topic author (`topic.created_by`)", "`topic.created_at`",
                                "`discourse:{host}:topic_created:{topic_id}`", DiscourseRules::topic),
                Rule.on(PLATFORM, "user_created").when("any", d -> true)
                        .gives(MEMBER_JOINED, "the new user (`user.id`)", "`user.created_at`, else arrival",
                                "`discourse:{host}:member_joined:{user id}`", DiscourseRules::userCreated),
                Rule.on(PLATFORM, "accepted_solution").when("any (body: the answer post)", d -> true)
                        .gives(ANSWER_ACCEPTED, "the answer's author (`user_id` of the post)",
                                "arrival (the payload has no acceptance time)",
                                "`discourse:{host}:answer_accepted:{topic_id}:{post id}`", DiscourseRules::solved),
                Rule.on(PLATFORM, "post_liked").when("any", d -> true)
                        .gives(REACTION_ADDED, "who liked it (`like.user`)", "arrival (the payload has no like time)",
                                "`discourse:{host}:like:{post id}:{user id}`", DiscourseRules::liked),
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("any other event", d -> true)
                        .ignore("not counted (`post_edited`, `post_destroyed`, `topic_edited`, `unaccepted_solution`, "
                                + "`ping`, ...): edits and deletions never count twice"));
    }

    private static boolean isPrivate(Delivery d) {
        JsonNode body = d.payload();
        return PRIVATE_MESSAGE.equals(body.path("post").path("topic_archetype").asText())
                || PRIVATE_MESSAGE.equals(body.path("topic").path("archetype").asText())
                || PRIVATE_MESSAGE.equals(body.path("solved").path("topic_archetype").asText())
                || PRIVATE_MESSAGE.equals(body.path("like").path("post").path("topic_archetype").asText());
    }

    // --- mappers ---------------------------------------------------------------------------------

    private static List<Normalised> reply(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode post = Fields.object(d.payload(), "post", "payload");
        return List.of(post(d, forum, post, REPLY_GIVEN)
                .key(forum.prefix() + "post:" + Fields.required(post, "id", "post"))
                .at(Times.parse(post.get("created_at")), "post.created_at")
                .length(postLength(post))
                .build());
    }

    private static List<Normalised> firstPost(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode post = Fields.object(d.payload(), "post", "payload");
        Actor author = poster(forum, post, "post");
        String topicId = Fields.required(post, "topic_id", "post");
        return List.of(action(d, TOPIC_CREATED)
                .key(forum.prefix() + "topic_created:" + topicId)
                .actor(author)
                .at(Times.parse(post.get("created_at")), "post.created_at")
                .repo(Fields.text(post, "category_id"))
                .url(forum.topicUrl(Fields.text(post, "topic_slug"), topicId, null))
                .thread(forum.thread(topicId), author.id())
                .build());
    }

    private static List<Normalised> topic(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode topic = Fields.object(d.payload(), "topic", "payload");
        JsonNode createdBy = topic.path("created_by");
        String userId = createdBy.isObject() ? Fields.text(createdBy, "id") : Fields.text(topic, "user_id");
        String username = createdBy.isObject() ? Fields.text(createdBy, "username") : null;
        if (userId == null) {
            throw new Unmappable("missing topic.created_by.id");
        }
        Actor author = forum.actor(userId, username);
        String topicId = Fields.required(topic, "id", "topic");
        return List.of(action(d, TOPIC_CREATED)
                .key(forum.prefix() + "topic_created:" + topicId)
                .actor(author)
                .at(Times.parse(topic.get("created_at")), "topic.created_at")
                .repo(Fields.text(topic, "category_id"))
                .url(forum.topicUrl(Fields.text(topic, "slug"), topicId, null))
                .thread(forum.thread(topicId), author.id())
                .build());
    }

    private static List<Normalised> userCreated(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode user = Fields.object(d.payload(), "user", "payload");
        String userId = Fields.required(user, "id", "user");
        String username = Fields.text(user, "username");
        ActionBuilder joined = action(d, MEMBER_JOINED)
                .key(forum.prefix() + "member_joined:" + userId)
                .actor(forum.actor(userId, username))
                .url(username == null ? null : forum.base() + "/u/" + username);
        Instant createdAt = Times.parse(user.get("created_at"));
        return List.of((createdAt != null ? joined.at(createdAt, "user.created_at") : joined.atArrival()).build());
    }

    private static List<Normalised> solved(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode post = d.payload().has("solved") ? Fields.object(d.payload(), "solved", "payload")
                : Fields.object(d.payload(), "post", "payload");
        return List.of(post(d, forum, post, ANSWER_ACCEPTED)
                .key(forum.prefix() + "answer_accepted:" + Fields.required(post, "topic_id", "solved")
                        + ":" + Fields.required(post, "id", "solved"))
                .atArrival()
                .build());
    }

    private static List<Normalised> liked(Delivery d) throws Unmappable {
        Forum forum = forum(d);
        JsonNode like = Fields.object(d.payload(), "like", "payload");
        JsonNode post = Fields.object(like, "post", "like");
        JsonNode user = Fields.object(like, "user", "like");
        String userId = Fields.required(user, "id", "like.user");
        return List.of(post(d, forum, post, REACTION_ADDED)
                .key(forum.prefix() + "like:" + Fields.required(post, "id", "like.post") + ":" + userId)
                .actor(forum.actor(userId, Fields.text(user, "username")))
                .atArrival()
                .build());
    }

    /** What every post-based action shares: the post's author, category, link and topic thread. */
    private static ActionBuilder post(Delivery d, Forum forum, JsonNode post, String type) throws Unmappable {
        String topicId = Fields.required(post, "topic_id", "post");
        return action(d, type)
                .actor(poster(forum, post, "post"))
                .repo(Fields.text(post, "category_id"))
                .url(forum.topicUrl(Fields.text(post, "topic_slug"), topicId, Fields.text(post, "post_number")))
                .thread(forum.thread(topicId), null);
    }

    private static Actor poster(Forum forum, JsonNode post, String where) throws Unmappable {
        return forum.actor(Fields.required(post, "user_id", where), Fields.text(post, "username"));
    }

    /** Markdown source length; the rendered HTML ({@code cooked}, tags removed) when only that is sent. */
    static Integer postLength(JsonNode post) {
        Integer raw = Fields.length(post, "raw");
        if (raw != null) {
            return raw;
        }
        String cooked = Fields.text(post, "cooked");
        if (cooked == null) {
            return null;
        }
        return cooked.replaceAll("<[^>]*>", "").length();
    }

    private static Forum forum(Delivery d) throws Unmappable {
        String instance = d.header(INSTANCE_HEADER);
        if (instance == null || instance.isBlank()) {
            throw new Unmappable("missing header " + INSTANCE_HEADER);
        }
        String base = instance.trim().replaceAll("/+$", "");
        String host;
        try {
            host = URI.create(base.contains("://") ? base : "https://" + base).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null || host.isBlank()) {
            throw new Unmappable("header " + INSTANCE_HEADER + " is not a URL");
        }
        return new Forum(host.toLowerCase(Locale.ROOT), base.contains("://") ? base : "https://" + base);
    }

    /** One Discourse instance: {@code host} names it in ids, {@code base} builds links. */
    record Forum(String host, String base) {
        String prefix() {
            return "discourse:" + host + ":";
        }

        /** System users (system = -1, discobot = -2) have ids below 1: they are bots. */
        Actor actor(String userId, String username) {
            boolean system;
            try {
                system = Long.parseLong(userId) < 1;
            } catch (NumberFormatException e) {
                system = false;
            }
            return new Actor(prefix() + userId, username != null ? username : userId, system);
        }

        String thread(String topicId) {
            return prefix() + "topic:" + topicId;
        }

        String topicUrl(String slug, String topicId, String postNumber) {
            String url = base + "/t/" + (slug != null ? slug : "-") + "/" + topicId;
            return postNumber != null ? url + "/" + postNumber : url;
        }
    }
}
