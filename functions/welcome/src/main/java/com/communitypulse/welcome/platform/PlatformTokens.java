package com.communitypulse.welcome.platform;

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
        @JsonProperty("discord_welcome_webhook_url") String discordWebhookUrl,
        @JsonProperty("github_app_id") String githubAppId,
        @JsonProperty("github_app_private_key") String githubAppPrivateKey,
        @JsonProperty("github_app_installation_id") String githubAppInstallationId) {

    public static final PlatformTokens NONE = new PlatformTokens(null, null, null, null, null);

    /** Tokens without GitHub App credentials. */
    public PlatformTokens(String githubToken, String discourseApiKey, String discourseApiUsername, String slackBotToken,
                          String discordWebhookUrl) {
        this(githubToken, discourseApiKey, discourseApiUsername, slackBotToken, discordWebhookUrl, null, null, null);
    }

    /** A GitHub App (id and private key) is configured; a personal token, if also set, is preferred. */
    public boolean hasGitHubApp() {
        return githubAppId != null && !githubAppId.isBlank() && githubAppPrivateKey != null && !githubAppPrivateKey.isBlank();
    }

    /** Each value of {@code preferred} that is set wins over this one. */
    public PlatformTokens overriddenBy(PlatformTokens preferred) {
        return new PlatformTokens(
                pick(preferred.githubToken, githubToken),
                pick(preferred.discourseApiKey, discourseApiKey),
                pick(preferred.discourseApiUsername, discourseApiUsername),
                pick(preferred.slackBotToken, slackBotToken),
                pick(preferred.discordWebhookUrl, discordWebhookUrl),
                pick(preferred.githubAppId, githubAppId),
                pick(preferred.githubAppPrivateKey, githubAppPrivateKey),
                pick(preferred.githubAppInstallationId, githubAppInstallationId));
    }

    private static String pick(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    @Override
    public String toString() {
        return "PlatformTokens[github=" + set(githubToken) + ", githubApp=" + set(githubAppPrivateKey)
                + ", discourse=" + set(discourseApiKey)
                + ", slack=" + set(slackBotToken) + ", discord=" + set(discordWebhookUrl) + "]";
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? "unset" : "set";
    }
}
