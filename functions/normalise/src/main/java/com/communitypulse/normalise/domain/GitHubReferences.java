package com.communitypulse.normalise.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issues and PRs of the same repository a PR body or comment names: {@code #123}, which also covers GitHub's
 * closing keywords ({@code fixes #123}, {@code closes #123}, {@code resolves #123}). A {@code #} inside a word or a
 * URL fragment ({@code page#12}) and another repository's {@code owner/repo#123} are not references to this one.
 * Only the references leave the normaliser, never the text (docs/signal.md).
 */
final class GitHubReferences {
    /** The schema's bound: a text naming more is a list, not a link. */
    static final int MAX = 10;
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w/#&.-])#([1-9][0-9]{0,9})\\b");

    private GitHubReferences() {
    }

    /** {@code owner/repo#n} for each number, in order, each once, at most {@link #MAX}; empty for no text. */
    static List<String> in(String repo, String text) {
        if (repo == null || text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find() && found.size() < MAX) {
            found.add(repo + "#" + Long.parseLong(matcher.group(1)));
        }
        return List.copyOf(found);
    }
}
