package com.communitypulse.local.demo;

import static com.communitypulse.local.demo.DemoCast.BEA;
import static com.communitypulse.local.demo.DemoCast.ELENA;
import static com.communitypulse.local.demo.DemoCast.OLGA;
import static com.communitypulse.local.demo.DemoCast.RUI;
import static com.communitypulse.local.demo.DemoCast.SAM;
import static com.communitypulse.local.demo.DemoCast.TOMAS;
import static com.communitypulse.local.demo.DemoCast.TOMAS_DISCORD;

import com.communitypulse.local.demo.DemoCast.DiscordUser;
import com.communitypulse.local.demo.DemoCast.ForumUser;
import com.communitypulse.local.demo.DemoCast.SlackUser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The community around the repository: elena asks on the forum and sam answers (this week's answer
 * is accepted); olga and rui talk in Slack's #general; on Discord bea and tomas trade kudos, and
 * last Saturday tomas links his Discord account to his GitHub login.
 */
final class ChatStory {
    private final DemoBook book;
    private final DemoTimeline t;
    private long nextPostId = 1001;

    private ChatStory(DemoBook book, DemoTimeline t) {
        this.book = book;
        this.t = t;
    }

    static void write(DemoBook book, DemoTimeline t) {
        new ChatStory(book, t).forum().slack().discord();
    }

    private ChatStory forum() {
        topic(101, "widgets-on-a-raspberry-pi", "Widgets on a Raspberry Pi?", ELENA, t.week(5, 2, 9));
        reply(101, 2, SAM, t.week(5, 2, 12), true);
        topic(102, "theming-without-css", "Theming without CSS", ELENA, t.week(3, 3, 9));
        reply(102, 2, SAM, t.week(3, 3, 10), false);
        reply(102, 3, ELENA, t.week(3, 3, 12), false);
        topic(103, "show-your-dashboards", "Show your dashboards", SAM, t.week(2, 4, 9));
        topic(104, "export-a-widget-as-png", "Export a widget as PNG", ELENA, t.week(1, 1, 9));
        reply(104, 2, SAM, t.week(1, 1, 14), true);
        topic(105, "gauge-ignores-max-value", "Gauge ignores max value", ELENA, t.thisWeek(0.15));
        ObjectNode answer = reply(105, 2, SAM, t.thisWeek(0.30), true);
        reply(105, 3, SAM, t.thisWeek(0.50), false);
        // Discourse's solved plugin sends no time: the action is dated on arrival, so it sorts last
        ObjectNode body = com.communitypulse.shared.json.Json.mapper().createObjectNode();
        body.set("solved", answer);
        book.add("discourse", "discourse accepted_solution 105", t.anchor(), forumHeaders("accepted_solution", "solved"),
                body, SAM.identity(), forumThread(105));
        return this;
    }

    private void topic(long topicId, String slug, String title, ForumUser author, Instant at) {
        post(topicId, 1, slug, title, author, at, book.text(false) + " How do you handle this?");
    }

    private ObjectNode reply(long topicId, int postNumber, ForumUser author, Instant at, boolean longText) {
        return post(topicId, postNumber, null, null, author, at, book.text(longText));
    }

    private ObjectNode post(long topicId, int postNumber, String slug, String title, ForumUser author, Instant at,
                            String raw) {
        long id = nextPostId++;
        ObjectNode post = ChatPayloads.post(id, postNumber, topicId, slug != null ? slug : "topic-" + topicId,
                title != null ? title : "Topic " + topicId, author, at, raw);
        ObjectNode body = com.communitypulse.shared.json.Json.mapper().createObjectNode();
        body.set("post", post);
        book.add("discourse", "discourse post_created " + id, at, forumHeaders("post_created", "post"), body,
                author.identity(), forumThread(topicId));
        return post;
    }

    private Map<String, String> forumHeaders(String event, String type) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Discourse-Instance", DemoCast.FORUM);
        headers.put("X-Discourse-Event-Id", Integer.toString(5000 + book.nextSequence()));
        headers.put("X-Discourse-Event-Type", type);
        headers.put("X-Discourse-Event", event);
        return headers;
    }

    private static String forumThread(long topicId) {
        return "discourse:" + DemoCast.FORUM_HOST + ":topic:" + topicId;
    }

    private ChatStory slack() {
        message(OLGA, t.week(5, 0, 9), null);
        message(RUI, t.week(5, 0, 10), null);
        String question = message(OLGA, t.week(4, 1, 9), null);
        message(RUI, t.week(4, 1, 11), question);
        message(OLGA, t.week(3, 2, 9), null);
        message(RUI, t.week(2, 3, 10), null);
        message(OLGA, t.week(2, 3, 11), null);
        String lastWeek = message(OLGA, t.week(1, 2, 10), null);
        message(RUI, t.week(1, 2, 11), lastWeek);
        message(OLGA, t.thisWeek(0.2), null);
        message(OLGA, t.thisWeek(0.4), null);
        message(OLGA, t.thisWeek(0.6), null);
        return this;
    }

    /** Posts a message (a thread reply when {@code threadTs} is given); returns its ts. */
    private String message(SlackUser user, Instant at, String threadTs) {
        int sequence = book.nextSequence();
        String eventId = "Ev0DEMO" + String.format("%04d", sequence);
        ObjectNode body = ChatPayloads.slackMessage(eventId, user, at, sequence, threadTs, book.text(false));
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        String thread = threadTs == null ? user.identity()
                : "slack:" + DemoCast.SLACK_TEAM + ":" + DemoCast.SLACK_CHANNEL + ":" + threadTs;
        book.add("slack", "slack message " + eventId, at, headers, body, user.identity(), thread);
        return ChatPayloads.slackTs(at, sequence);
    }

    private ChatStory discord() {
        kudos(BEA, TOMAS_DISCORD, "for the widget options docs", t.week(5, 4, 18));
        kudos(TOMAS_DISCORD, BEA, "for testing on a Raspberry Pi", t.week(4, 4, 17));
        kudos(BEA, TOMAS_DISCORD, "for the table widget idea", t.week(3, 1, 18));
        kudos(TOMAS_DISCORD, BEA, "for the dashboard screenshots", t.week(2, 2, 18));
        Instant linkAt = t.week(1, 5, 18);
        String id = ChatPayloads.snowflake(linkAt, book.nextSequence());
        book.add("discord", "discord /link " + id, linkAt, Map.of("Content-Type", "application/json"),
                ChatPayloads.link(id, TOMAS_DISCORD, "github", TOMAS.login()), TOMAS_DISCORD.identity(),
                TOMAS.identity());
        kudos(BEA, TOMAS_DISCORD, "for the honest review of the table rewrite", t.week(1, 5, 19));
        return this;
    }

    private void kudos(DiscordUser from, DiscordUser to, String reason, Instant at) {
        String id = ChatPayloads.snowflake(at, book.nextSequence());
        book.add("discord", "discord /kudos " + id, at, Map.of("Content-Type", "application/json"),
                ChatPayloads.kudos(id, from, to, reason), from.identity());
    }
}
