package com.communitypulse.local.demo;

/**
 * Who is who in the demo community: fixed names and platform ids, so every run tells the same story.
 * The GitHub ids are in a range no real account of these logins has (except dependabot's, which is
 * the real bot's id).
 */
public final class DemoCast {
    public static final String ORG = "pulse-demo";
    public static final String REPO = ORG + "/widgets";
    public static final long REPO_ID = 700100001L;
    public static final long HOOK_ID = 480000001L;

    /** A GitHub account and how GitHub describes its relation to the repository. */
    public record GitHubUser(String login, long id, String type, String association) {
        public String identity() {
            return "github:" + id;
        }
    }

    /** The core maintainer who went quiet: the anchor marker and the bus-factor flag. */
    public static final GitHubUser GRACE = new GitHubUser("grace", 81000001L, "User", "OWNER");
    /** The busiest maintainer: reviews and merges nearly everything. */
    public static final GitHubUser ADA = new GitHubUser("ada", 81000002L, "User", "MEMBER");
    public static final GitHubUser MIRA = new GitHubUser("mira", 81000003L, "User", "CONTRIBUTOR");
    /** Also on Discord as {@link #TOMAS_DISCORD}, linked with {@code /link}. */
    public static final GitHubUser TOMAS = new GitHubUser("tomas", 81000004L, "User", "CONTRIBUTOR");
    /** First-timer of last week whose pull request was reviewed and merged. */
    public static final GitHubUser KENJI = new GitHubUser("kenji", 81000005L, "User", "FIRST_TIME_CONTRIBUTOR");
    /** First-timer of last week whose issue nobody answered: response debt. */
    public static final GitHubUser NOOR = new GitHubUser("noor", 81000006L, "User", "NONE");
    /** First-timer of this week. */
    public static final GitHubUser PRIYA = new GitHubUser("priya", 81000007L, "User", "FIRST_TIME_CONTRIBUTOR");
    public static final GitHubUser DEPENDABOT = new GitHubUser("dependabot[bot]", 49699333L, "Bot", "NONE");

    public static final String FORUM = "https://forum.pulse-demo.org";
    public static final String FORUM_HOST = "forum.pulse-demo.org";
    public static final int FORUM_CATEGORY = 5;

    /** A Discourse user. */
    public record ForumUser(String username, long userId, String name) {
        public String identity() {
            return "discourse:" + FORUM_HOST + ":" + userId;
        }
    }

    /** Answers on the forum; one answer is accepted. */
    public static final ForumUser SAM = new ForumUser("sam", 12, "Sam Okafor");
    public static final ForumUser ELENA = new ForumUser("elena", 37, "Elena Petrova");

    public static final String SLACK_TEAM = "T0PULSE01";
    public static final String SLACK_CHANNEL = "C0GENERAL1";

    /** A Slack member. */
    public record SlackUser(String id, String name, String realName) {
        public String identity() {
            return "slack:" + SLACK_TEAM + ":" + id;
        }
    }

    public static final SlackUser OLGA = new SlackUser("U0OLGA001", "olga", "Olga Lind");
    public static final SlackUser RUI = new SlackUser("U0RUI0002", "rui", "Rui Costa");

    public static final String DISCORD_GUILD = "1180000000000000000";
    public static final String DISCORD_CHANNEL = "1180000000000000001";
    public static final String DISCORD_APP = "1180000000000000002";

    /** A Discord user. */
    public record DiscordUser(String id, String username, String globalName) {
        public String identity() {
            return "discord:" + id;
        }
    }

    public static final DiscordUser TOMAS_DISCORD = new DiscordUser("400000000000000004", "tomas_dc", "Tomas");
    public static final DiscordUser BEA = new DiscordUser("400000000000000005", "bea", "Bea");

    private DemoCast() {
    }
}
