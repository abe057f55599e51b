package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.ActionBuilder.action;
import static com.communitypulse.shared.model.ActionTypes.MEMBER_JOINED;
import static com.communitypulse.shared.model.ActionTypes.MESSAGE_POSTED;
import static com.communitypulse.shared.model.ActionTypes.REACTION_ADDED;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Slack Events API (event = the inner {@code event.type}, payload = the {@code event_callback}
 * envelope with {@code team_id}, {@code event_time} and {@code event}). Slack sends user ids, not
 * names: {@code actor_login} is the name when the event carries one, else the user id.
 */
final class SlackRules {
    static final String PLATFORM = "slack";
    /** Message subtypes that are someone posting; every other subtype is an edit, deletion or system notice. */
    static final Set<String> POSTING_SUBTYPES = Set.of("bot_message", "thread_broadcast", "file_share", "me_message");
    private static final Set<String> PRIVATE_CHANNEL_TYPES = Set.of("im", "mpim");

    private SlackRules() {
    }

    static List<Rule> rules() {
        return List.of(
                Rule.on(PLATFORM, "message").when("in a direct message (`channel_type` im, mpim)",
                                d -> PRIVATE_CHANNEL_TYPES.contains(event(d).path("channel_type").asText()))
                        .ignore("private conversations are never community telemetry"),
                Rule.on(PLATFORM, "message").when("a subtype other than " + POSTING_SUBTYPES.stream().sorted()
                                        .map(s -> "`" + s + "`").reduce((a, b) -> a + ", " + b).orElse(""),
                                d -> event(d).hasNonNull("subtype")
                                        && !POSTING_SUBTYPES.contains(event(d).path("subtype").asText()))
                        .ignore("edits (`message_changed`), deletions and join/leave notices never count"),
                Rule.on(PLATFORM, "message").when("a new message (a `bot_message` or one with a `bot_id` is a bot's)",
                                d -> true)
                        .gives(MESSAGE_POSTED, "the poster (`event.user`, or `event.bot_id`)", "`event.ts`",
                                "`slack:{team}:message:{channel}:{ts}`", SlackRules::message),
                Rule.on(PLATFORM, "reaction_added").when("on a message", d -> event(d).path("item").path("type")
                                .asText("message").equals("message"))
                        .gives(REACTION_ADDED, "who reacted (`event.user`)", "`event.event_ts`",
                                "`slack:{team}:reaction:{channel}:{item ts}:{user}:{reaction}`", SlackRules::reaction),
                Rule.on(PLATFORM, "team_join").when("any", d -> true)
                        .gives(MEMBER_JOINED, "the new member (`event.user.id`)", "`event_time`, else arrival",
                                "`slack:{team}:member_joined:{user id}`", SlackRules::teamJoin),
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("any other event", d -> true)
                        .ignore("not counted (`reaction_removed`, `app_mention` (also sent as a `message`), ...)"));
    }

    /** The inner event of an {@code event_callback}; the payload itself when it is already the event. */
    static JsonNode event(Delivery d) {
        JsonNode inner = d.payload().path("event");
        return inner.isObject() ? inner : d.payload();
    }

    private static List<Normalised> message(Delivery d) throws Unmappable {
        JsonNode event = event(d);
        String team = team(d);
        String channel = Fields.required(event, "channel", "event");
        String ts = Fields.required(event, "ts", "event");
        String botId = Fields.text(event, "bot_id");
        String user = Fields.text(event, "user");
        boolean bot = "bot_message".equals(Fields.text(event, "subtype")) || botId != null;
        String poster = user != null ? user : botId;
        if (poster == null) {
            throw new Unmappable("message without event.user or event.bot_id");
        }
        String login = firstNonNull(Fields.text(event.path("user_profile"), "name"), Fields.text(event, "username"), poster);
        String threadTs = Fields.text(event, "thread_ts");
        ActionBuilder posted = action(d, MESSAGE_POSTED)
                .key("slack:" + team + ":message:" + channel + ":" + ts)
                .actor(new Actor("slack:" + team + ":" + poster, login, bot))
                .at(firstNonNull(Times.slackTs(event.get("ts")), Times.parse(d.payload().get("event_time"))), "event.ts")
                .repo(channel)
                .length(Fields.length(event, "text"))
                .githubProfilesIn(Fields.text(event, "text"));
        if (threadTs != null && !threadTs.equals(ts)) {
            posted.thread("slack:" + team + ":" + channel + ":" + threadTs, null);
        }
        return List.of(posted.build());
    }

    private static List<Normalised> reaction(Delivery d) throws Unmappable {
        JsonNode event = event(d);
        String team = team(d);
        String user = Fields.required(event, "user", "event");
        JsonNode item = Fields.object(event, "item", "event");
        String channel = Fields.required(item, "channel", "event.item");
        String itemTs = Fields.required(item, "ts", "event.item");
        String reaction = Fields.required(event, "reaction", "event");
        return List.of(action(d, REACTION_ADDED)
                .key("slack:" + team + ":reaction:" + channel + ":" + itemTs + ":" + user + ":" + reaction)
                .actor(new Actor("slack:" + team + ":" + user, user, false))
                .at(firstNonNull(Times.slackTs(event.get("event_ts")), Times.parse(d.payload().get("event_time")),
                        d.receivedAt()), "event.event_ts")
                .repo(channel)
                .build());
    }

    private static List<Normalised> teamJoin(Delivery d) throws Unmappable {
        JsonNode user = Fields.object(event(d), "user", "event");
        String team = team(d);
        String userId = Fields.required(user, "id", "event.user");
        String login = firstNonNull(Fields.text(user, "name"), userId);
        boolean bot = user.path("is_bot").asBoolean(false);
        ActionBuilder joined = action(d, MEMBER_JOINED)
                .key("slack:" + team + ":member_joined:" + userId)
                .actor(new Actor("slack:" + team + ":" + userId, login, bot));
        Instant eventTime = Times.parse(d.payload().get("event_time"));
        return List.of((eventTime != null ? joined.at(eventTime, "event_time") : joined.atArrival()).build());
    }

    /** The workspace: the envelope's {@code team_id}, else the event's own team. */
    private static String team(Delivery d) throws Unmappable {
        JsonNode event = event(d);
        String team = firstNonNull(Fields.text(d.payload(), "team_id"), Fields.text(event, "team"),
                Fields.text(event.path("user"), "team_id"));
        if (team == null) {
            throw new Unmappable("missing team_id");
        }
        return team;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
