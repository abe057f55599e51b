package com.communitypulse.welcome;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The credentials the welcome function posts with; any may be null (that platform then runs dry).
 * The JSON form is the Secrets Manager secret named by {@code PLATFORM_TOKENS_SECRET_NAME}.
 */
public record PlatformTokens(
        @JsonProperty("github_token") String githubToken,
        @JsonProperty("discourse_api_key") String discourseApiKey,
        @JsonProperty("discourse_api_username") String discourseApiUsername,
        @JsonProperty("slack_bot_token") String slackBotToken,
        @JsonProperty("discord_welcome_webhook_url") String discordWebhookUrl) {

    public static final PlatformTokens NONE = new PlatformTokens(null, null, null, null, null);

    /** Each value of {@code preferred} that is set wins over this one. */
    public PlatformTokens overriddenBy(PlatformTokens preferred) {
        return new PlatformTokens(
                pick(preferred.githubToken, githubToken),
                pick(preferred.discourseApiKey, discourseApiKey),
                pick(preferred.discourseApiUsername, discourseApiUsername),
                pick(preferred.slackBotToken, slackBotToken),
                pick(preferred.discordWebhookUrl, discordWebhookUrl));
    }

    private static String pick(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    @Override
    public String toString() {
        return "PlatformTokens[github=" + set(githubToken) + ", discourse=" + set(discourseApiKey)
                + ", slack=" + set(slackBotToken) + ", discord=" + set(discordWebhookUrl) + "]";
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? "unset" : "set";
    }
}
