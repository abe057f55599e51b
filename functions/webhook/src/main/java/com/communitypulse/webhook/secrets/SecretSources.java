package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.config.Env;

/** Chooses the {@link SecretSource} named by {@code SECRETS_PROVIDER}: {@code secretsmanager} (default), {@code ssm} or {@code env}. */
public final class SecretSources {
    private SecretSources() {
    }

    public static SecretSource fromEnv(Env env) {
        String provider = env.get("SECRETS_PROVIDER", "secretsmanager").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (provider) {
            case "secretsmanager" -> ParameterSecretSource.secretsManager(env);
            case "ssm" -> ParameterSecretSource.ssm(env);
            case "env" -> new EnvSecretSource(env);
            default -> throw new IllegalStateException(
                    "SECRETS_PROVIDER must be secretsmanager, ssm or env, not " + provider);
        };
    }
}
