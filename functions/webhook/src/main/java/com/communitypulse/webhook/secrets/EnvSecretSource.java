package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.config.Env;
import java.util.List;

/** Secrets straight from environment variables ({@code SECRETS_PROVIDER=env}): the local runner and tests. */
public final class EnvSecretSource implements SecretSource {
    private final Env env;

    public EnvSecretSource(Env env) {
        this.env = env;
    }

    @Override
    public List<String> secrets(SecretName name) {
        List<String> secrets = SecretSource.split(env.get(name.valueVariable()).orElse(null));
        if (secrets.isEmpty()) {
            throw new SecretUnavailableException(name.valueVariable() + " is not set", null);
        }
        return secrets;
    }
}
