package com.communitypulse.welcome;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Where the posting credentials come from: the environment directly ({@code GITHUB_TOKEN},
 * {@code DISCOURSE_API_KEY}, {@code DISCOURSE_API_USERNAME}, {@code SLACK_BOT_TOKEN},
 * {@code DISCORD_WELCOME_WEBHOOK_URL}; the local runner's way), else the JSON secret named by
 * {@code PLATFORM_TOKENS_SECRET_NAME} (the deployed way), read with Powertools and cached for
 * five minutes so a rotated secret is picked up without a redeploy. {@code SECRETS_PROVIDER=env}
 * (the project's switch, set by the local runner) means the environment only, secret name or not.
 * A secret that cannot be read is an error, not a dry run: the events go to the dead-letter queue
 * and can be redriven once the secret exists, instead of being recorded as never to be sent.
 */
public final class TokenSource implements Supplier<PlatformTokens> {
    private final PlatformTokens fromEnv;
    private final SecretsProvider secrets;
    private final String secretName;

    TokenSource(PlatformTokens fromEnv, SecretsProvider secrets, String secretName) {
        this.fromEnv = fromEnv;
        this.secrets = secrets;
        this.secretName = secretName;
    }

    public static TokenSource of(PlatformTokens tokens) {
        return new TokenSource(tokens, null, null);
    }

    public static TokenSource fromEnv(Env env) {
        PlatformTokens direct = new PlatformTokens(
                env.get("GITHUB_TOKEN").orElse(null),
                env.get("DISCOURSE_API_KEY").orElse(null),
                env.get("DISCOURSE_API_USERNAME").orElse(null),
                env.get("SLACK_BOT_TOKEN").orElse(null),
                env.get("DISCORD_WELCOME_WEBHOOK_URL").orElse(null),
                env.get("GITHUB_APP_ID").orElse(null),
                // a PEM in one environment variable often arrives with literal \n for its line breaks
                env.get("GITHUB_APP_PRIVATE_KEY").map(pem -> pem.replace("\\n", "\n")).orElse(null),
                env.get("GITHUB_APP_INSTALLATION_ID").orElse(null));
        String name = env.get("PLATFORM_TOKENS_SECRET_NAME").orElse(null);
        boolean envOnly = "env".equalsIgnoreCase(env.get("SECRETS_PROVIDER", "secretsmanager").trim());
        if (name == null || envOnly) {
            return of(direct);
        }
        SecretsManagerClient client = AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETS_MANAGER").build();
        SecretsProvider provider = SecretsProvider.builder().withClient(client).build();
        return new TokenSource(direct, provider, name);
    }

    @Override
    public PlatformTokens get() {
        if (secrets == null) {
            return fromEnv;
        }
        String json = secrets.withMaxAge(5, ChronoUnit.MINUTES).get(secretName);
        try {
            PlatformTokens stored = Json.mapper().readValue(json, PlatformTokens.class);
            return stored.overriddenBy(fromEnv);
        } catch (JsonProcessingException e) {
            // Never include the secret's text in the message.
            throw new IllegalStateException("Secret " + secretName + " is not the expected JSON object "
                    + "{\"github_token\", \"discourse_api_key\", \"discourse_api_username\", \"slack_bot_token\", "
                    + "\"discord_welcome_webhook_url\", \"github_app_id\", \"github_app_private_key\", \"github_app_installation_id\"}");
        }
    }
}
