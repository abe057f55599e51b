package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Secrets from AWS Secrets Manager or SSM Parameter Store (SecureString, decrypted), read
 * through Powertools' parameter providers and cached for {@link #CACHE_FOR}: a warm function
 * reads each secret about once every five minutes, and a rotation is seen within that time.
 * The secret's name comes from the environment ({@link SecretName#nameVariable()}).
 */
public final class ParameterSecretSource implements SecretSource {
    public static final Duration CACHE_FOR = Duration.ofMinutes(5);

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

    /** SSM Parameter Store SecureString parameters; the client honours {@code AWS_ENDPOINT_URL_SSM}. */
    public static ParameterSecretSource ssm(Env env) {
        SSMProvider provider = SSMProvider.builder()
                .withClient(AwsClients.configure(SsmClient.builder(), env, "SSM").build())
                .withCacheManager(cache())
                .build();
        // withDecryption() applies to the next get only, so the pair must not interleave between threads
        return new ParameterSecretSource(env, "SSM Parameter Store", name -> {
            synchronized (provider) {
                return provider.withDecryption().get(name);
            }
        });
    }

    private static CacheManager cache() {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(CACHE_FOR);
        return cache;
    }

    @Override
    public List<String> secrets(SecretName name) {
        String secretName = env.get(name.nameVariable()).orElseThrow(
                () -> new SecretUnavailableException(name.nameVariable() + " is not set", null));
        String value;
        try {
            value = fetch.apply(secretName);
        } catch (RuntimeException e) {
            // the SDK's message names the secret and the error, never a value
            throw new SecretUnavailableException(store + " could not read " + secretName + ": " + e.getClass().getSimpleName(), e);
        }
        // read per request (cached), not at start, so a rotation is seen; a malformed value is named in the 503's log line
        List<String> secrets = SecretSource.parse(store + " value " + secretName, value);
        if (secrets.isEmpty()) {
            throw new SecretUnavailableException(store + " value " + secretName + " is empty", null);
        }
        return secrets;
    }
}
