package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.ActionBuilder.action;
import static com.communitypulse.shared.model.ActionTypes.IDENTITY_LINKED;
import static com.communitypulse.shared.model.ActionTypes.KUDOS_GIVEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Discord slash commands (event = {@code command.<name>}, payload = the interaction). Discord sends
 * no time: it comes from the interaction's snowflake id. The caller is {@code member.user} in a
 * guild and {@code user} in a DM.
 */
final class DiscordRules {
    static final String PLATFORM = "discord";
    /** Platforms a {@code /link} may name; Discord itself is the caller's own platform. */
    static final Set<String> LINKABLE = Set.of("github", "discourse", "slack");
    /** Discord's application command option type USER. */
    static final int USER_OPTION = 6;
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,199}");

    private DiscordRules() {
    }

    static List<Rule> rules() {
        return List.of(
                Rule.on(PLATFORM, "command.kudos").when("no user option, or the caller names themself",
                                d -> kudosTarget(d) == null || kudosTarget(d).equals(callerId(d)))
                        .ignore("kudos go to someone else"),
                Rule.on(PLATFORM, "command.kudos").when("`/kudos user:<id>` (the command's USER option)", d -> true)
                        .gives(KUDOS_GIVEN, "the caller (`member.user` or `user`); `context.target` = `discord:<id>`",
                                "the interaction's snowflake id", "`discord:kudos:{interaction id}`",
                                DiscordRules::kudos),
                Rule.on(PLATFORM, "command.link").when("unknown `platform`, or no valid `login`/`id`",
                                d -> linkTarget(d) == null)
                        .ignore("nothing to link"),
                Rule.on(PLATFORM, "command.link").when("`/link platform:<p> login:<login>` (or `id:<id>`), or `/link <p>:<login>`",
                                d -> true)
                        .gives(IDENTITY_LINKED, "the caller; `context.target` = `<p>:@<login>` or `<p>:<id>`",
                                "the interaction's snowflake id", "`discord:identity_linked:{caller id}:{target}`",
                                DiscordRules::link),
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("any other command", d -> true)
                        .ignore("not a Community Pulse command"));
    }

    private static List<Normalised> kudos(Delivery d) throws Unmappable {
        JsonNode interaction = d.payload();
        String interactionId = Fields.required(interaction, "id", "interaction");
        return List.of(action(d, KUDOS_GIVEN)
                .key("discord:kudos:" + interactionId)
                .actor(caller(interaction))
                .at(Times.discordSnowflake(interactionId), "interaction id (snowflake)")
                .repo(channel(interaction))
                .url(channelUrl(interaction))
                .target("discord:" + kudosTarget(d))
                .build());
    }

    private static List<Normalised> link(Delivery d) throws Unmappable {
        JsonNode interaction = d.payload();
        String interactionId = Fields.required(interaction, "id", "interaction");
        Actor caller = caller(interaction);
        String target = linkTarget(d);
        return List.of(action(d, IDENTITY_LINKED)
                .key("discord:identity_linked:" + caller.id().substring("discord:".length()) + ":" + target)
                .actor(caller)
                .at(Times.discordSnowflake(interactionId), "interaction id (snowflake)")
                .repo(channel(interaction))
                .target(target)
                .build());
    }

    /** The user id of the command's USER option ({@code /kudos user:<id>}, whatever its name), or null. */
    static String kudosTarget(Delivery d) {
        String target = null;
        for (JsonNode option : d.payload().path("data").path("options")) {
            if (option.path("type").asInt() == USER_OPTION) {
                target = Fields.text(option, "value");
                break;
            }
        }
        if (target == null) {
            target = option(d.payload(), "user");
        }
        return target != null && !target.isEmpty() && target.chars().allMatch(Character::isDigit) ? target : null;
    }

    /**
     * {@code platform:@login} (login form) or {@code platform:<id>} (an id given); null when the
     * platform is not linkable or neither a login nor an id is usable. The scorer resolves it.
     * Two command shapes: {@code /link platform:github login:octocat} (or {@code id:583231}), and
     * an option named after the platform, {@code /link github:octocat}.
     */
    static String linkTarget(Delivery d) {
        JsonNode interaction = d.payload();
        String platform = option(interaction, "platform");
        String login = option(interaction, "login");
        if (platform == null) {
            for (String linkable : LINKABLE.stream().sorted().toList()) {
                if (option(interaction, linkable) != null) {
                    platform = linkable;
                    login = option(interaction, linkable);
                    break;
                }
            }
        }
        if (platform == null || !LINKABLE.contains(platform.trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        platform = platform.trim().toLowerCase(Locale.ROOT);
        String id = option(interaction, "id");
        if (id != null && ID.matcher(id.trim()).matches()) {
            return platform + ":" + id.trim();
        }
        if (login != null) {
            login = login.trim();
            login = login.startsWith("@") ? login.substring(1) : login;
            if (LOGIN.matcher(login).matches()) {
                return platform + ":@" + login;
            }
        }
        return null;
    }

    private static String callerId(Delivery d) {
        JsonNode user = callerNode(d.payload());
        return user == null ? null : Fields.text(user, "id");
    }

    private static JsonNode callerNode(JsonNode interaction) {
        JsonNode member = interaction.path("member").path("user");
        if (member.isObject()) {
            return member;
        }
        JsonNode user = interaction.path("user");
        return user.isObject() ? user : null;
    }

    private static Actor caller(JsonNode interaction) throws Unmappable {
        JsonNode user = callerNode(interaction);
        if (user == null) {
            throw new Unmappable("missing member.user / user in the interaction");
        }
        String id = Fields.required(user, "id", "user");
        String login = Fields.text(user, "username");
        return new Actor("discord:" + id, login != null ? login : id, user.path("bot").asBoolean(false));
    }

    /** A top-level option's value, as text; null when absent. */
    private static String option(JsonNode interaction, String name) {
        for (JsonNode option : interaction.path("data").path("options")) {
            if (name.equals(option.path("name").asText())) {
                return Fields.text(option, "value");
            }
        }
        return null;
    }

    private static String channel(JsonNode interaction) {
        String channel = Fields.text(interaction, "channel_id");
        return channel != null ? channel : Fields.text(interaction.path("channel"), "id");
    }

    private static String channelUrl(JsonNode interaction) {
        String guild = Fields.text(interaction, "guild_id");
        String channel = channel(interaction);
        return guild != null && channel != null ? "https://discord.com/channels/" + guild + "/" + channel : null;
    }
}
