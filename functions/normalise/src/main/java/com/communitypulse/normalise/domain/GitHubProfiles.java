package com.communitypulse.normalise.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub profiles a message links to: {@code https://github.com/<login>}, optionally with a trailing slash, and
 * nothing else of GitHub's (a repository {@code github.com/owner/repo}, {@code github.com/orgs/…}, a query or a
 * fragment, GitHub's own pages such as {@code github.com/features}). Slack writes links as {@code <url>} or
 * {@code <url|label>}, so the URL may end at {@code >} or {@code |}; a full stop or comma after it ends a sentence.
 * Only the logins leave the normaliser, never the text (docs/admin.md, Suggestions).
 */
final class GitHubProfiles {
    /** A message naming more is a list of people, and the schema's bound. */
    static final int MAX = 5;
    /** GitHub's login rule: letters, digits and single hyphens inside, at most 39 characters. */
    static final String LOGIN = "[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}";
    private static final String END = "(?=$|[\\s>|)\\]\"'])";
    private static final Pattern PROFILE = Pattern.compile(
            "(?<![\\w.@/-])https?://(?:www\\.)?github\\.com/(" + LOGIN + ")/?(?:" + END + "|(?=[.,;:!?]" + END + "))",
            Pattern.CASE_INSENSITIVE);
    /** Top-level GitHub pages that look like a login but are not anyone's profile. */
    static final Set<String> NOT_PROFILES = Set.of("about", "apps", "collections", "contact", "customer-stories",
            "codespaces", "copilot", "enterprise", "events", "explore", "features", "issues", "join", "login", "logout",
            "marketplace", "new", "notifications", "orgs", "pricing", "pulls", "readme", "search", "security",
            "settings", "site", "sponsors", "team", "topics", "trending");

    private GitHubProfiles() {
    }

    /** The logins, as written, in order, each once (case aside), at most {@link #MAX}; empty for no text. */
    static List<String> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PROFILE.matcher(text);
        while (matcher.find() && found.size() < MAX) {
            String login = matcher.group(1);
            String key = login.toLowerCase(Locale.ROOT);
            if (!NOT_PROFILES.contains(key)) {
                found.putIfAbsent(key, login);
            }
        }
        return new ArrayList<>(found.values());
    }
}
