package com.communitypulse.webhook.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * Where webhook secrets come from. A stored value may hold several secrets separated by
 * newlines or commas; all of them are valid at once, so a secret is rotated by adding the new
 * one, switching the platform over, then removing the old one, with no failed delivery.
 * Values are never logged.
 */
public interface SecretSource {

    /**
     * Every currently valid secret for one platform, never empty.
     *
     * @throws SecretUnavailableException when it is not configured or cannot be read now
     */
    List<String> secrets(SecretName name);

    /** Splits a stored value into its secrets: newline or comma separated, trimmed, blanks dropped. */
    static List<String> split(String value) {
        List<String> secrets = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[,\\r\\n]+")) {
                if (!part.isBlank()) {
                    secrets.add(part.trim());
                }
            }
        }
        return List.copyOf(secrets);
    }
}
