package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.config.Env;
import java.util.List;

/** Secrets straight from environment variables ({@code SECRETS_PROVIDER=env}): the local runner and tests. */
public final class EnvSecretSource implements SecretSource {
    private final Env env;

    /** Checks every value that is set now, so a malformed one stops the function at start, with its name. */
    public EnvSecretSource(Env env) {
        this.env = env;
        for (SecretName name : SecretName.values()) {
            SecretSource.parse(name.valueVariable(), env.get(name.valueVariable()).orElse(null));
        }
    }

    @Override
    public List<String> secrets(SecretName name) {
        List<String> secrets = SecretSource.parse(name.valueVariable(), env.get(name.valueVariable()).orElse(null));
        if (secrets.isEmpty()) {
            throw new SecretUnavailableException(name.valueVariable() + " is not set", null);
        }
        return secrets;
    }
}
