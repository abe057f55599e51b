package com.communitypulse.welcome;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.welcome.domain.WelcomeTemplates;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The welcome function's settings, all from its environment (see docs/welcome.md).
 *
 * @param tableName        {@code TABLE_NAME}
 * @param githubApiUrl     {@code GITHUB_API_URL} (GitHub Enterprise Server: {@code https://HOST/api/v3})
 * @param discourseBaseUrl {@code DISCOURSE_BASE_URL}, the only forum welcomed on (null: no Discourse welcomes)
 * @param slackApiUrl      {@code SLACK_API_URL}
 * @param userAgent        {@code WELCOME_USER_AGENT}
 * @param dryRun           {@code DRY_RUN=true}: record, never post
 * @param dryRunDir        {@code DRY_RUN_DIR}: also write each recorded request there as JSON
 * @param optOut           {@code WELCOME_OPT_OUT}: repositories, categories or channels never welcomed in
 *                         (plain, or {@code platform:name})
 * @param labels           {@code WELCOME_LABELS}: labels added to the issue/PR with the welcome
 * @param templates        {@code WELCOME_TEMPLATES}
 * @param contributingUrl  {@code CONTRIBUTING_URL}
 * @param communityUrl     {@code COMMUNITY_URL}
 * @param links            {@code WELCOME_LINKS}: per repository/category/channel
 *                         {@code {"contributing_url": ..., "community_url": ...}}
 * @param http             retry policy ({@code WELCOME_HTTP_MAX_ATTEMPTS}, {@code WELCOME_MAX_WAIT_SECONDS})
 * @param erasureSalt      {@code ERASURE_SALT} (the stack's generated {@code ErasureSaltSecret}): erased identities are
 *                         never greeted; the template default when unset
 */
public record WelcomeConfig(String tableName, String githubApiUrl, String discourseBaseUrl, String slackApiUrl,
                            String userAgent, boolean dryRun, Path dryRunDir, Set<String> optOut,
                            List<String> labels, WelcomeTemplates templates, String contributingUrl,
                            String communityUrl, Map<String, Map<String, String>> links, RetryingHttp.Policy http,
                            String erasureSalt) {

    public static final String DEFAULT_USER_AGENT = "community-pulse-welcome/0.1 (+https://github.com/community-pulse)";

    public static WelcomeConfig from(Env env) {
        RetryingHttp.Policy defaults = RetryingHttp.Policy.DEFAULT;
        return new WelcomeConfig(
                env.require("TABLE_NAME"),
                env.get("GITHUB_API_URL", "https://api.github.com"),
                env.get("DISCOURSE_BASE_URL").filter(url -> !url.isBlank()).orElse(null),
                env.get("SLACK_API_URL", "https://slack.com/api"),
                env.get("WELCOME_USER_AGENT", DEFAULT_USER_AGENT),
                env.getBoolean("DRY_RUN", false),
                env.get("DRY_RUN_DIR").map(Path::of).orElse(null),
                csv(env.get("WELCOME_OPT_OUT", "")).stream().collect(Collectors.toUnmodifiableSet()),
                csv(env.get("WELCOME_LABELS", "")),
                WelcomeTemplates.parse(env.get("WELCOME_TEMPLATES", "")),
                env.get("CONTRIBUTING_URL").orElse(null),
                env.get("COMMUNITY_URL").orElse(null),
                links(env.get("WELCOME_LINKS", "")),
                new RetryingHttp.Policy(env.getInt("WELCOME_HTTP_MAX_ATTEMPTS", defaults.maxAttempts()),
                        defaults.baseDelay(), defaults.maxDelay(),
                        Duration.ofSeconds(env.getInt("WELCOME_MAX_WAIT_SECONDS", (int) defaults.maxWait().toSeconds())),
                        defaults.connectTimeout(), defaults.requestTimeout()),
                env.get("ERASURE_SALT").filter(salt -> !salt.isBlank()).orElse(TableKeys.DEFAULT_ERASURE_SALT));
    }

    public boolean optedOut(String platform, String repo) {
        return repo != null && (optOut.contains(repo) || optOut.contains(platform + ":" + repo));
    }

    /** A link for a repository: its own from {@code WELCOME_LINKS}, else the global one. */
    public String link(String repo, String name, String global) {
        Map<String, String> own = repo == null ? null : links.get(repo);
        String value = own == null ? null : own.get(name);
        return value != null && !value.isBlank() ? value : global;
    }

    static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, Map<String, String>> links(String json) {
        if (json.isBlank()) {
            return Map.of();
        }
        try {
            return Map.copyOf(Json.mapper().readValue(json, new TypeReference<Map<String, Map<String, String>>>() {
            }));
        } catch (IOException e) {
            throw new IllegalStateException("WELCOME_LINKS must be a JSON object like "
                    + "{\"owner/repo\": {\"contributing_url\": \"...\", \"community_url\": \"...\"}}: " + e.getMessage());
        }
    }
}
