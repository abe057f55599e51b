package com.communitypulse.webhook.secrets;

/**
 * The five webhook secrets. With {@code SECRETS_PROVIDER=env} the value is read from
 * {@link #valueVariable()}; with {@code secretsmanager} or {@code ssm}, the secret's or
 * parameter's name is read from {@link #nameVariable()}, or, when {@code WEBHOOK_SECRETS_NAME}
 * names one secret for all five, the value is that secret's JSON key {@link #key()}.
 */
public enum SecretName {
    GITHUB("GITHUB_WEBHOOK_SECRET"),
    DISCOURSE("DISCOURSE_WEBHOOK_SECRET"),
    DISCORD("DISCORD_PUBLIC_KEY"),
    SLACK("SLACK_SIGNING_SECRET"),
    COMMUNITY("COMMUNITY_WEBHOOK_SECRET");

    private final String valueVariable;

    SecretName(String valueVariable) {
        this.valueVariable = valueVariable;
    }

    public String valueVariable() {
        return valueVariable;
    }

    public String nameVariable() {
        return valueVariable + "_NAME";
    }

    /** The key in the one-secret layout's JSON: github, discourse, discord, slack, community. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
