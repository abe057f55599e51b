package com.communitypulse.normalise.domain;

import com.communitypulse.shared.config.Env;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the normaliser.
 *
 * @param customSourcePlatforms platforms a custom source ({@code /webhooks/community}) may speak
 *                              for: its actions may then keep {@code context.platform} and credit
 *                              actors of that platform (e.g. {@code github}). Empty by default: a
 *                              custom source only credits {@code custom:} actors and its actions
 *                              are always {@code platform: custom}.
 */
public record NormaliserConfig(Set<String> customSourcePlatforms) {
    static final String CUSTOM_SOURCE_PLATFORMS = "CUSTOM_SOURCE_PLATFORMS";
    static final Set<String> KNOWN_PLATFORMS = Set.of("github", "discourse", "discord", "slack");

    public NormaliserConfig {
        customSourcePlatforms = Set.copyOf(customSourcePlatforms);
        for (String platform : customSourcePlatforms) {
            if (!KNOWN_PLATFORMS.contains(platform)) {
                throw new IllegalArgumentException(CUSTOM_SOURCE_PLATFORMS + " names '" + platform
                        + "'; allowed: " + String.join(", ", KNOWN_PLATFORMS.stream().sorted().toList()));
            }
        }
    }

    public static NormaliserConfig defaults() {
        return new NormaliserConfig(Set.of());
    }

    /** {@code CUSTOM_SOURCE_PLATFORMS}: comma-separated, e.g. {@code github,slack}; empty = none. */
    public static NormaliserConfig from(Env env) {
        String listed = env.get(CUSTOM_SOURCE_PLATFORMS, "");
        return new NormaliserConfig(Arrays.stream(listed.split(","))
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toSet()));
    }
}
