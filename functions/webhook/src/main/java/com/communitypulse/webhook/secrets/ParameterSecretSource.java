package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Secrets from AWS Secrets Manager (through Powertools' provider) or SSM Parameter Store
 * (SecureString, decrypted, by {@link SsmParameterReader}), each cached for {@link #CACHE_FOR}: a warm function
 * reads each secret about once every five minutes, and a rotation is seen within that time.
 * The secret's name comes from the environment: {@link #ONE_SECRET_VARIABLE} when it is set (one secret, a JSON
 * object with a key per platform, {@link SecretName#key()}), else one secret per platform ({@link SecretName#nameVariable()}).
 */
public final class ParameterSecretSource implements SecretSource {
    public static final Duration CACHE_FOR = Duration.ofMinutes(5);
    /**
     * Names one secret holding all five as JSON ({@code {"github": "...", "slack": "...", ...}}): one secret billed a
     * month instead of five, and one read (cached) instead of five. Unset or empty = one secret per platform.
     */
    public static final String ONE_SECRET_VARIABLE = "WEBHOOK_SECRETS_NAME";

    private final Env env;
    private final String store;
    private final UnaryOperator<String> fetch;

    private ParameterSecretSource(Env env, String store, UnaryOperator<String> fetch) {
        this.env = env;
        this.store = store;
        this.fetch = fetch;
    }

    /** Secrets Manager (the template's default); the client honours {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. */
    public static ParameterSecretSource secretsManager(Env env) {
        SecretsProvider provider = SecretsProvider.builder()
                .withClient(AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETS_MANAGER").build())
                .withCacheManager(cache())
                .build();
        return new ParameterSecretSource(env, "Secrets Manager", provider::get);
    }

    /** SSM Parameter Store SecureString parameters, decrypted; honours {@code AWS_ENDPOINT_URL_SSM}. */
    public static ParameterSecretSource ssm(Env env) {
        return new ParameterSecretSource(env, "SSM Parameter Store", SsmParameterReader.fromEnv(env, CACHE_FOR));
    }

    private static CacheManager cache() {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(CACHE_FOR);
        return cache;
    }

    @Override
    public List<String> secrets(SecretName name) {
        Optional<String> oneSecret = env.get(ONE_SECRET_VARIABLE);
        String secretName = oneSecret.orElseGet(() -> env.get(name.nameVariable()).orElseThrow(
                () -> new SecretUnavailableException(name.nameVariable() + " is not set", null)));
        String value;
        try {
            value = fetch.apply(secretName);
        } catch (RuntimeException e) {
            // the SDK's message names the secret and the error, never a value
            String why = e instanceof SsmParameterReader.SsmFailure ? e.getMessage() : e.getClass().getSimpleName();
            throw new SecretUnavailableException(store + " could not read " + secretName + ": " + why, e);
        }
        String where = store + " value " + secretName;
        if (oneSecret.isPresent()) {
            value = member(where, value, name.key());
            where += " key " + name.key();
        }
        // read per request (cached), not at start, so a rotation is seen; a malformed value is named in the 503's log line
        List<String> secrets = SecretSource.parse(where, value);
        if (secrets.isEmpty()) {
            throw new SecretUnavailableException(where + " is empty", null);
        }
        return secrets;
    }

    /** One platform's value in the one-secret layout; a missing key is unavailable, like a missing secret. */
    private static String member(String where, String json, String key) {
        JsonNode object;
        try {
            object = Json.mapper().readTree(json);
        } catch (IOException notJson) {
            object = null; // the parser's message may quote the value: not passed on
        }
        if (object == null || !object.isObject()) {
            throw new SecretUnavailableException(where + " is not a JSON object with the keys "
                    + String.join(", ", Arrays.stream(SecretName.values()).map(SecretName::key).toList()), null);
        }
        JsonNode member = object.get(key);
        if (member == null || member.isNull()) {
            throw new SecretUnavailableException(where + " has no key " + key, null);
        }
        if (!member.isTextual()) {
            throw new SecretUnavailableException(where + " key " + key + " is not a string", null);
        }
        return member.asText();
    }
}
