package com.communitypulse.welcome.triage;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path glob as GitHub's {@code actions/labeler} reads one (minimatch with {@code dot: true}), for the
 * repository-relative paths GitHub lists for a pull request: {@code **} as a whole path segment is any
 * number of directories (none included), {@code *} any characters within one segment, {@code ?} one
 * character within a segment, {@code [abc]} / {@code [!abc]} one character of (not of) a set,
 * {@code {a,b}} either alternative, {@code \} escapes. Dotfiles match like any other name. A glob with
 * no {@code /} matches at the root only ({@code *.md} is {@code README.md}, not {@code docs/a.md}: write
 * {@code **}{@code /*.md}). Negation ({@code !glob}) is refused rather than silently read as a name.
 */
public final class PathGlob {
    private final String glob;
    private final Pattern regex;

    private PathGlob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException saying what is wrong with the glob */
    public static PathGlob compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty glob");
        }
        if (glob.startsWith("!")) {
            throw new IllegalArgumentException("glob '" + glob + "': negation (!) is not supported; list the paths that should match");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException("glob '" + glob + "': paths are relative to the repository root, drop the leading /");
        }
        String body = glob.startsWith("./") ? glob.substring(2) : glob;
        try {
            return new PathGlob(glob, Pattern.compile(translate(glob, body)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("glob '" + glob + "' cannot be read: " + e.getDescription());
        }
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String translate(String glob, String s) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean segmentStart = i == 0 || s.charAt(i - 1) == '/';
            switch (c) {
                case '*' -> {
                    int run = 1;
                    while (i + run < s.length() && s.charAt(i + run) == '*') {
                        run++;
                    }
                    int after = i + run;
                    boolean wholeSegment = segmentStart && run >= 2 && (after == s.length() || s.charAt(after) == '/');
                    if (run > 2) {
                        throw new IllegalArgumentException("glob '" + glob + "': " + "*".repeat(run)
                                + " is not a glob; use ** for any directories");
                    }
                    if (wholeSegment && after == s.length()) {
                        out.append(".*"); // docs/** : everything below docs/
                    } else if (wholeSegment) {
                        out.append("(?:.*/)?"); // **/x : x at any depth, the root included
                        after++; // the / is part of the group
                    } else {
                        out.append("[^/]*"); // a** behaves as a*, as in minimatch
                    }
                    i = after - 1;
                }
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int close = s.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("glob '" + glob + "': [ without a closing ]");
                    }
                    String set = s.substring(i + 1, close);
                    boolean negated = set.startsWith("!") || set.startsWith("^");
                    if (negated) {
                        set = set.substring(1);
                    }
                    if (set.isEmpty()) {
                        throw new IllegalArgumentException("glob '" + glob + "': empty character set []");
                    }
                    StringBuilder cls = new StringBuilder();
                    for (char m : set.toCharArray()) {
                        // a range's - stays; what a Java class would read as syntax is escaped
                        cls.append("\\[]^&".indexOf(m) >= 0 ? "\\" + m : String.valueOf(m));
                    }
                    out.append(negated ? "[^/" + cls + "]" : "(?!/)[" + cls + "]");
                    i = close;
                }
                case '{' -> {
                    braces++;
                    out.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        out.append("\\}");
                    } else {
                        braces--;
                        out.append(')');
                    }
                }
                case ',' -> out.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 == s.length()) {
                        throw new IllegalArgumentException("glob '" + glob + "': ends with a lone \\");
                    }
                    out.append(Pattern.quote(String.valueOf(s.charAt(++i))));
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("glob '" + glob + "': { without a closing }");
        }
        return out.toString();
    }
}
