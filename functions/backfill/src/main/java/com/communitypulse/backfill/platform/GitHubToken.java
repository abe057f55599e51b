package com.communitypulse.backfill.platform;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * What the backfill reads GitHub with, found the way the welcome and reconcile functions find theirs: the
 * environment (the local runner's way), else the JSON secret named by {@code PLATFORM_TOKENS_SECRET_NAME}, read with
 * Powertools and cached for five minutes. {@code SECRETS_PROVIDER=env} means the environment only. Either a plain
 * token ({@code GITHUB_BACKFILL_TOKEN}, else {@code GITHUB_TOKEN}; fields {@code github_backfill_token}, else
 * {@code github_token}) or, when there is none, a GitHub App ({@code GITHUB_APP_ID} + {@code GITHUB_APP_PRIVATE_KEY},
 * optional {@code GITHUB_APP_INSTALLATION_ID}; fields {@code github_app_id}, {@code github_app_private_key},
 * {@code github_app_installation_id}), whose installation tokens {@link GitHubRest} mints per repository. Read
 * access to the repository is enough. No credentials is an error the backfill's state reports.
 */
public final class GitHubToken {
    static final String[] SECRET_FIELDS = {"github_backfill_token", "github_token"};
    private static final String NONE = "no GitHub credentials: set github_backfill_token (or github_token), or "
            + "github_app_id and github_app_private_key, in the PLATFORM_TOKENS_SECRET_NAME secret; locally "
            + "GITHUB_BACKFILL_TOKEN / GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY";

    /** A plain token, or a GitHub App's credentials. */
    public sealed interface Credentials permits Plain, App {
    }

    /** A token sent as it is (personal, fine-grained, or an installation token minted elsewhere). */
    public record Plain(String token) implements Credentials {
        @Override
        public String toString() {
            return "Plain[token=***]";
        }
    }

    /** A GitHub App: {@code installationId} null means looked up per repository. */
    public record App(String appId, String privateKeyPem, String installationId) implements Credentials {
        @Override
        public String toString() {
            // never the key
            return "App[appId=" + appId + ", installationId=" + installationId + "]";
        }
    }

    private final Supplier<Credentials> source;

    private GitHubToken(Supplier<Credentials> source) {
        this.source = source;
    }

    /** A plain token; null is the "no credentials" error when GitHub is first read. */
    public static GitHubToken of(String token) {
        return new GitHubToken(() -> {
            if (token == null || token.isBlank()) {
                throw new GitHubRest.Refused(0, NONE);
            }
            return new Plain(token);
        });
    }

    /** A GitHub App; {@code installationId} may be null (then looked up per repository). */
    public static GitHubToken ofApp(String appId, String privateKeyPem, String installationId) {
        App app = new App(appId.trim(), privateKeyPem, blankToNull(installationId));
        return new GitHubToken(() -> app);
    }

    /** A plain token asked for each time (GitHubRest's older constructor). */
    static GitHubToken supplied(Supplier<String> token) {
        return new GitHubToken(() -> new Plain(token.get()));
    }

    public static GitHubToken fromEnv(Env env) {
        Optional<String> direct = env.get("GITHUB_BACKFILL_TOKEN").filter(t -> !t.isBlank())
                .or(() -> env.get("GITHUB_TOKEN").filter(t -> !t.isBlank()));
        if (direct.isPresent()) {
            return of(direct.get());
        }
        Optional<String> appId = env.get("GITHUB_APP_ID").filter(t -> !t.isBlank());
        Optional<String> key = env.get("GITHUB_APP_PRIVATE_KEY").filter(t -> !t.isBlank());
        if (appId.isPresent() && key.isPresent()) {
            return ofApp(appId.get(), pem(key.get()), env.get("GITHUB_APP_INSTALLATION_ID").orElse(null));
        }
        String name = env.get("PLATFORM_TOKENS_SECRET_NAME").filter(n -> !n.isBlank()).orElse(null);
        boolean envOnly = "env".equalsIgnoreCase(env.get("SECRETS_PROVIDER", "secretsmanager").trim());
        if (name == null || envOnly) {
            return of(null);
        }
        SecretsManagerClient client = AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETS_MANAGER").build();
        SecretsProvider secrets = SecretsProvider.builder().withClient(client).build();
        return new GitHubToken(() -> parse(secrets.withMaxAge(5, ChronoUnit.MINUTES).get(name), name));
    }

    /**
     * The credentials now (the secret may have been rotated).
     *
     * @throws GitHubRest.Refused when there are none
     */
    public Credentials credentials() {
        return source.get();
    }

    /** The secret's JSON: a plain token if it has one, else the App's id and key. */
    static Credentials parse(String json, String secretName) {
        JsonNode node = null;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            // never the secret's text in the message
        }
        if (node != null && node.isObject()) {
            for (String field : SECRET_FIELDS) {
                String token = text(node, field);
                if (token != null) {
                    return new Plain(token);
                }
            }
            String appId = text(node, "github_app_id");
            String key = text(node, "github_app_private_key");
            if (appId != null && key != null) {
                return new App(appId.trim(), pem(key), text(node, "github_app_installation_id"));
            }
        }
        throw new GitHubRest.Refused(0, "secret " + secretName + " is not a JSON object with \"github_backfill_token\""
                + " or \"github_token\", or \"github_app_id\" and \"github_app_private_key\"");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? blankToNull(node.get(field).asText()) : null;
    }

    /** A PEM in one environment variable (or pasted into JSON) often arrives with literal \n for its line breaks. */
    private static String pem(String key) {
        return key.replace("\\n", "\n");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
