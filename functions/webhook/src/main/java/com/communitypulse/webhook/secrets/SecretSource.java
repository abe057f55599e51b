package com.communitypulse.webhook.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * Where webhook secrets come from. A stored value may hold several secrets, one on each line;
 * all of them are valid at once, so a secret is rotated by adding the new one, switching the
 * platform over, then removing the old one, with no failed delivery. Only newlines separate:
 * a comma is part of a secret, so {@code ...9f,x} is one secret and never the key {@code x}.
 * Values are never logged.
 */
public interface SecretSource {
    /**
     * Fewer characters than this is a typo or a fragment (the tail after a stray comma), not a
     * signing secret. Kept at 8: the platforms set no minimum, and longer is advised, not required.
     */
    int MIN_LENGTH = 8;

    /**
     * Every currently valid secret for one platform, never empty.
     *
     * @throws SecretUnavailableException when it is not configured, cannot be read now, or is malformed
     */
    List<String> secrets(SecretName name);

    /**
     * Splits a stored value into its secrets, one on each line, each trimmed; surrounding blank
     * space (a trailing newline) is ignored. Empty when the value is blank.
     *
     * @param where names the value in the error (a variable or secret name), never its content
     * @throws InvalidSecretException when a line inside is empty or a secret is shorter than {@link #MIN_LENGTH}
     */
    static List<String> parse(String where, String value) {
        List<String> secrets = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String[] lines = value.strip().split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String secret = lines[i].strip();
            if (secret.isEmpty()) {
                throw new InvalidSecretException(where + ": line " + (i + 1)
                        + " is empty; put one secret on each line and nothing else");
            }
            if (secret.length() < MIN_LENGTH) {
                throw new InvalidSecretException(where + ": the secret on line " + (i + 1) + " has " + secret.length()
                        + " characters; each must have at least " + MIN_LENGTH);
            }
            secrets.add(secret);
        }
        return List.copyOf(secrets);
    }

    /** A stored value that is not a list of usable secrets: a configuration error, named without the value. */
    final class InvalidSecretException extends SecretUnavailableException {
        public InvalidSecretException(String message) {
            super(message, null);
        }
    }
}
