package com.communitypulse.backfill.platform;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * The token the backfill reads GitHub with, found the way the welcome and reconcile functions find theirs: the
 * environment ({@code GITHUB_BACKFILL_TOKEN}, else {@code GITHUB_TOKEN}; the local runner's way), else the JSON
 * secret named by {@code PLATFORM_TOKENS_SECRET_NAME} (field {@code github_backfill_token}, else
 * {@code github_token}), read with Powertools and cached for five minutes. {@code SECRETS_PROVIDER=env} means the
 * environment only. A token that reads the repository is enough. No token is an error the backfill's state reports.
 */
public final class GitHubToken implements Supplier<String> {
    static final String[] SECRET_FIELDS = {"github_backfill_token", "github_token"};
    private final String fromEnv;
    private final SecretsProvider secrets;
    private final String secretName;

    GitHubToken(String fromEnv, SecretsProvider secrets, String secretName) {
        this.fromEnv = fromEnv;
        this.secrets = secrets;
        this.secretName = secretName;
    }

    public static GitHubToken of(String token) {
        return new GitHubToken(token, null, null);
    }

    public static GitHubToken fromEnv(Env env) {
        String direct = env.get("GITHUB_BACKFILL_TOKEN").filter(t -> !t.isBlank())
                .or(() -> env.get("GITHUB_TOKEN").filter(t -> !t.isBlank())).orElse(null);
        String name = env.get("PLATFORM_TOKENS_SECRET_NAME").filter(n -> !n.isBlank()).orElse(null);
        boolean envOnly = "env".equalsIgnoreCase(env.get("SECRETS_PROVIDER", "secretsmanager").trim());
        if (direct != null || name == null || envOnly) {
            return of(direct);
        }
        SecretsManagerClient client = AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETS_MANAGER").build();
        return new GitHubToken(null, SecretsProvider.builder().withClient(client).build(), name);
    }

    @Override
    public String get() {
        if (fromEnv != null) {
            return fromEnv;
        }
        if (secrets == null) {
            throw new GitHubRest.Refused(0, "no GitHub token: set github_backfill_token (or github_token) in the "
                    + "PLATFORM_TOKENS_SECRET_NAME secret, or GITHUB_BACKFILL_TOKEN / GITHUB_TOKEN locally");
        }
        String json = secrets.withMaxAge(5, ChronoUnit.MINUTES).get(secretName);
        try {
            JsonNode node = Json.mapper().readTree(json);
            for (String field : SECRET_FIELDS) {
                if (node != null && node.hasNonNull(field) && !node.get(field).asText().isBlank()) {
                    return node.get(field).asText();
                }
            }
        } catch (IOException e) {
            // never the secret's text in the message
        }
        throw new GitHubRest.Refused(0, "secret " + secretName + " is not a JSON object with \"github_backfill_token\""
                + " or \"github_token\"");
    }
}
