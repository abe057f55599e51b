package com.communitypulse.shared.model;

import java.util.Locale;

/**
 * The one rule for who is a bot, used wherever a function reads an actor back (the scorer's configurable
 * login patterns come on top): recorded as kind {@code bot}, or a login with GitHub's {@code [bot]} suffix
 * as a backstop for items written before the kind was known.
 */
public final class Bots {
    public static final String LOGIN_SUFFIX = "[bot]";

    private Bots() {
    }

    /** A bot by its recorded kind ({@code user}/{@code bot}, any case) or its login. */
    public static boolean isBot(String kind, String login) {
        return CommunityAction.BOT.equalsIgnoreCase(kind) || isBotLogin(login);
    }

    /** A login ending in {@code [bot]}, in any case. */
    public static boolean isBotLogin(String login) {
        return login != null && login.toLowerCase(Locale.ROOT).endsWith(LOGIN_SUFFIX);
    }
}
