package com.communitypulse.welcome.domain;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Welcome texts per platform and per repository, Discourse category or channel. The defaults below
 * can be overridden by {@code WELCOME_TEMPLATES}, e.g.
 * {@code {"github": {"default": "...", "octo-org/hello-world": "..."}}}: the repository's text wins,
 * then the platform's {@code default}, then the built-in default.
 * Milestone celebrations have their own texts under the keys {@code first_merge} (a person's first merged
 * pull request) and {@code first_answer} (their first accepted answer), e.g.
 * {@code {"first_merge": {"default": "...", "github": "...", "octo-org/hello-world": "..."}}}: the
 * repository's (or category's) text wins, then the platform's, then {@code default}, then the built-in one.
 * Placeholders: {@code {login} {mention} {repo} {contributing_url} {community_url}}. A line whose
 * link placeholder has no value is left out, so an unset {@code COMMUNITY_URL} never leaves a dangling
 * "Join us at ." behind.
 */
public final class WelcomeTemplates {
    public static final String DEFAULT = "default";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(login|mention|repo|contributing_url|community_url)}");

    static final Map<String, String> BUILT_IN = Map.of(
            "github", """
                    Welcome @{login}, and thank you for your first contribution to {repo}! :tada:

                    A maintainer will have a look soon. In the meantime, our contributing guide is here: {contributing_url}
                    Questions are welcome in our community: {community_url}""",
            "discourse", """
                    Welcome to the community, @{login}! :wave: Thank you for your first post.

                    Have a look around: {community_url}
                    How to contribute: {contributing_url}""",
            "discord", """
                    Welcome {mention}! :wave: Thanks for your first message here.
                    How to contribute: {contributing_url}
                    More of the community: {community_url}""",
            "slack", """
                    Welcome {mention}! :wave: Thanks for your first message in <#{repo}>.
                    How to contribute: {contributing_url}
                    More of the community: {community_url}""");

    /** Built-in celebration texts per milestone. */
    static final Map<String, String> BUILT_IN_MILESTONES = Map.of(
            "first_merge", """
                    Congratulations {mention}, your first pull request in {repo} is merged! :tada:

                    Thank you for contributing. If you are looking for what to do next: {contributing_url}""",
            "first_answer", """
                    {mention}, your answer was accepted: your first accepted answer here! :tada:

                    Thank you for helping others. More of the community: {community_url}""");

    private final Map<String, Map<String, String>> overrides;

    public WelcomeTemplates(Map<String, Map<String, String>> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** Reads {@code WELCOME_TEMPLATES}; bad JSON is a configuration error, reported at start-up. */
    public static WelcomeTemplates parse(String json) {
        if (json == null || json.isBlank()) {
            return new WelcomeTemplates(Map.of());
        }
        try {
            Map<String, Map<String, String>> parsed = Json.mapper().readValue(json, new TypeReference<>() {
            });
            Map<String, Map<String, String>> clean = new HashMap<>();
            parsed.forEach((platform, texts) -> clean.put(platform, texts == null ? Map.of() : Map.copyOf(texts)));
            return new WelcomeTemplates(clean);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("WELCOME_TEMPLATES must be a JSON object like "
                    + "{\"github\": {\"default\": \"...\", \"owner/repo\": \"...\"}}: " + e.getMessage());
        }
    }

    /** The template for a platform and repository/category/channel. */
    public String template(String platform, String repo) {
        Map<String, String> texts = overrides.getOrDefault(platform, Map.of());
        if (repo != null && texts.containsKey(repo)) {
            return texts.get(repo);
        }
        if (texts.containsKey(DEFAULT)) {
            return texts.get(DEFAULT);
        }
        return BUILT_IN.getOrDefault(platform, BUILT_IN.get("github"));
    }

    /** The celebration text of a milestone ({@code first_merge}, {@code first_answer}) for a platform and repository. */
    public String milestone(String milestone, String platform, String repo) {
        Map<String, String> texts = overrides.getOrDefault(milestone, Map.of());
        if (repo != null && texts.containsKey(repo)) {
            return texts.get(repo);
        }
        if (texts.containsKey(platform)) {
            return texts.get(platform);
        }
        if (texts.containsKey(DEFAULT)) {
            return texts.get(DEFAULT);
        }
        String builtIn = BUILT_IN_MILESTONES.get(milestone);
        if (builtIn == null) {
            throw new IllegalArgumentException("no such milestone: " + milestone);
        }
        return builtIn;
    }

    /**
     * Fills the placeholders. {@code escape} makes user-supplied values (login, repo) safe in the
     * platform's markup; links and the mention are inserted as they are.
     */
    public static String render(String template, Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            if (hasEmptyLink(line, values)) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder rendered = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = values.getOrDefault(name, "");
                if (name.equals("login") || name.equals("repo")) {
                    value = escape.apply(value);
                }
                m.appendReplacement(rendered, Matcher.quoteReplacement(value));
            }
            m.appendTail(rendered);
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(rendered);
        }
        return out.toString().strip();
    }

    private static boolean hasEmptyLink(String line, Map<String, String> values) {
        for (String link : new String[] {"contributing_url", "community_url"}) {
            if (line.contains("{" + link + "}") && values.getOrDefault(link, "").isBlank()) {
                return true;
            }
        }
        return false;
    }
}
