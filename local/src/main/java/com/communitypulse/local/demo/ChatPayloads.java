package com.communitypulse.local.demo;

import com.communitypulse.local.demo.DemoCast.DiscordUser;
import com.communitypulse.local.demo.DemoCast.ForumUser;
import com.communitypulse.local.demo.DemoCast.SlackUser;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Discourse, Slack and Discord bodies in the shapes those platforms send (see {@code events/webhook-*.json}). */
final class ChatPayloads {
    /** Discord's epoch (2015-01-01T00:00:00Z) in ms: a snowflake's top 42 bits count from it. */
    static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;

    private ChatPayloads() {
    }

    /** A Discourse post (the object of {@code post_created}, and of {@code accepted_solution} as "solved"). */
    static ObjectNode post(long id, int postNumber, long topicId, String slug, String title, ForumUser author,
                           Instant at, String raw) {
        ObjectNode post = Json.mapper().createObjectNode();
        post.put("id", id).put("name", author.name()).put("username", author.username())
                .put("avatar_template", "/user_avatar/" + DemoCast.FORUM_HOST + "/" + author.username() + "/{size}/1_2.png")
                .put("created_at", at.toString()).put("cooked", "<p>" + raw + "</p>").put("post_number", postNumber)
                .put("post_type", 1).put("updated_at", at.toString()).put("reply_count", 0);
        post.putNull("reply_to_post_number");
        post.put("quote_count", 0).put("incoming_link_count", 0).put("reads", 1).put("score", 0)
                .put("topic_id", topicId).put("topic_slug", slug).put("topic_title", title)
                .put("category_id", DemoCast.FORUM_CATEGORY).put("display_username", author.name())
                .put("version", 1).put("raw", raw).put("moderator", false).put("admin", false).put("staff", false)
                .put("user_id", author.userId()).put("hidden", false).put("trust_level", 1).put("user_deleted", false)
                .put("wiki", false).put("topic_posts_count", postNumber).put("topic_archetype", "regular")
                .put("category_slug", "support");
        return post;
    }

    /** A Slack Events API {@code event_callback} carrying one channel message. */
    static ObjectNode slackMessage(String eventId, SlackUser user, Instant at, int sequence, String threadTs, String text) {
        String ts = slackTs(at, sequence);
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("type", "message").put("channel", DemoCast.SLACK_CHANNEL).put("user", user.id()).put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", "channel");
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        event.putObject("user_profile").put("name", user.name()).put("real_name", user.realName());
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("token", "demo-verification-token").put("team_id", DemoCast.SLACK_TEAM).put("api_app_id", "A0PULSEDEMO");
        body.set("event", event);
        body.put("type", "event_callback");
        body.putArray("authorizations").addObject().putNull("enterprise_id");
        ((ObjectNode) body.get("authorizations").get(0)).put("team_id", DemoCast.SLACK_TEAM).put("user_id", "U0PULSEBOT")
                .put("is_bot", true).put("is_enterprise_install", false);
        body.put("event_id", eventId).put("event_time", at.getEpochSecond());
        return body;
    }

    /** Slack's message id: Unix seconds and a 6-digit suffix that keeps messages of one second apart. */
    static String slackTs(Instant at, int sequence) {
        return at.getEpochSecond() + "." + String.format("%06d", sequence);
    }

    /** A Discord interaction id whose time (its top 42 bits) is {@code at}. */
    static String snowflake(Instant at, int sequence) {
        return Long.toUnsignedString(((at.toEpochMilli() - DISCORD_EPOCH_MS) << 22) | (sequence & 0x3fffff));
    }

    /** {@code /kudos to:<user> for:<reason>}, as Discord posts it to the interactions endpoint. */
    static ObjectNode kudos(String id, DiscordUser from, DiscordUser to, String reason) {
        ObjectNode data = command(id, "kudos");
        ArrayNode options = data.putArray("options");
        options.addObject().put("name", "to").put("type", 6).put("value", to.id());
        options.addObject().put("name", "for").put("type", 3).put("value", reason);
        return interaction(id, from, data);
    }

    /** {@code /link platform:<platform> login:<login>}. */
    static ObjectNode link(String id, DiscordUser caller, String platform, String login) {
        ObjectNode data = command(id, "link");
        ArrayNode options = data.putArray("options");
        options.addObject().put("name", "platform").put("type", 3).put("value", platform);
        options.addObject().put("name", "login").put("type", 3).put("value", login);
        return interaction(id, caller, data);
    }

    private static ObjectNode command(String interactionId, String name) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("id", name.equals("kudos") ? "1180000000000000101" : "1180000000000000102").put("name", name)
                .put("type", 1);
        return data;
    }

    private static ObjectNode interaction(String id, DiscordUser caller, ObjectNode data) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("app_permissions", "2248473465835073").put("application_id", DemoCast.DISCORD_APP)
                .put("channel_id", DemoCast.DISCORD_CHANNEL);
        body.set("data", data);
        body.put("guild_id", DemoCast.DISCORD_GUILD).put("id", id).put("locale", "en-GB");
        ObjectNode member = body.putObject("member");
        member.putObject("user").put("id", caller.id()).put("username", caller.username())
                .put("global_name", caller.globalName());
        member.putArray("roles");
        member.put("permissions", "2248473465835073");
        body.put("token", "demo-interaction-token-" + id).put("type", 2).put("version", 1);
        return body;
    }
}
