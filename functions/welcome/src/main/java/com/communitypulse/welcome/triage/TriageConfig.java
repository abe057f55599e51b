package com.communitypulse.welcome.triage;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code TRIAGE_CONFIG}: which labels a new issue or pull request gets, in the spirit of GitHub's
 * {@code labeler.yml} (docs/welcome.md, "Triage by scope"). JSON or YAML:
 * <pre>
 * labels:
 *   documentation: {changed-files: ["docs/**", "**&#47;*.md"]}
 *   bug:           {keywords: [crash, exception, stack trace]}
 * first_time_contributor_label: first-time-contributor
 * </pre>
 * A label applies when any changed file of a pull request matches any of its globs ({@link PathGlob}),
 * or any keyword is a whole word (or words) of the title or body, case-insensitive. Empty: triage is off.
 * Read once at start; every mistake is an {@link IllegalArgumentException} naming the key and the value.
 *
 * @param rules                     the labels, in the order written
 * @param firstTimeContributorLabel added to a first-time contributor's pull request; null for none
 */
public record TriageConfig(List<Rule> rules, String firstTimeContributorLabel) {
    public static final TriageConfig OFF = new TriageConfig(List.of(), null);
    static final Set<String> TOP_LEVEL = Set.of("labels", "first_time_contributor_label");
    static final Set<String> RULE_KEYS = Set.of("changed-files", "keywords");
    /** GitHub refuses longer label names. */
    static final int MAX_LABEL = 50;

    /** One label and what earns it. */
    public record Rule(String label, List<PathGlob> changedFiles, List<String> keywords, List<Pattern> keywordPatterns) {
        public boolean matchesFiles(Collection<String> files) {
            return !changedFiles.isEmpty() && files.stream().anyMatch(f -> changedFiles.stream().anyMatch(g -> g.matches(f)));
        }

        public boolean matchesText(String text) {
            return text != null && keywordPatterns.stream().anyMatch(p -> p.matcher(text).find());
        }
    }

    public TriageConfig {
        rules = List.copyOf(rules);
    }

    public boolean enabled() {
        return !rules.isEmpty() || firstTimeContributorLabel != null;
    }

    /** The labels for an issue or PR: its title and body, and (a PR) its changed files; never null. */
    public Set<String> labelsFor(String title, String body, Collection<String> files) {
        Set<String> labels = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.matchesFiles(files) || rule.matchesText(title) || rule.matchesText(body)) {
                labels.add(rule.label());
            }
        }
        return labels;
    }

    /** Some rule looks at changed files: only then are a pull request's files worth fetching. */
    public boolean readsFiles() {
        return rules.stream().anyMatch(r -> !r.changedFiles().isEmpty());
    }

    public static TriageConfig parse(String text) {
        if (text == null || text.isBlank()) {
            return OFF;
        }
        JsonNode root;
        try {
            root = text.trim().startsWith("{") ? Json.mapper().readTree(text) : yaml(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("TRIAGE_CONFIG is neither JSON nor YAML: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("TRIAGE_CONFIG must be an object with \"labels\" (and optionally "
                    + "\"first_time_contributor_label\")");
        }
        unknownKeys(root, TOP_LEVEL, "TRIAGE_CONFIG");
        List<Rule> rules = new ArrayList<>();
        JsonNode labels = root.path("labels");
        if (!labels.isMissingNode() && !labels.isNull()) {
            if (!labels.isObject()) {
                throw new IllegalArgumentException("TRIAGE_CONFIG.labels must map each label to {\"changed-files\": [...], "
                        + "\"keywords\": [...]}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                rules.add(rule(entry.getKey(), entry.getValue()));
            }
        }
        String firstTime = null;
        JsonNode ft = root.path("first_time_contributor_label");
        if (!ft.isMissingNode() && !ft.isNull()) {
            if (!ft.isTextual()) {
                throw new IllegalArgumentException("TRIAGE_CONFIG.first_time_contributor_label must be a label name (a string)");
            }
            firstTime = labelName(ft.asText(), "TRIAGE_CONFIG.first_time_contributor_label");
        }
        return new TriageConfig(rules, firstTime);
    }

    private static Rule rule(String label, JsonNode spec) {
        String where = "TRIAGE_CONFIG.labels." + label;
        labelName(label, where);
        if (!spec.isObject()) {
            throw new IllegalArgumentException(where + " must be an object with \"changed-files\" and/or \"keywords\"");
        }
        unknownKeys(spec, RULE_KEYS, where);
        List<PathGlob> globs = new ArrayList<>();
        for (String glob : strings(spec.path("changed-files"), where + ".changed-files")) {
            try {
                globs.add(PathGlob.compile(glob));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".changed-files: " + e.getMessage());
            }
        }
        List<String> keywords = strings(spec.path("keywords"), where + ".keywords").stream().map(String::trim).toList();
        if (globs.isEmpty() && keywords.isEmpty()) {
            throw new IllegalArgumentException(where + " has no \"changed-files\" and no \"keywords\": it could never apply");
        }
        return new Rule(label, globs, keywords, keywords.stream().map(TriageConfig::wholeWords).toList());
    }

    /**
     * A keyword as whole words, case-insensitive: {@code crash} finds "Crash on start" but not "crashed";
     * {@code stack trace} allows any spacing between its words.
     */
    static Pattern wholeWords(String keyword) {
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
        String[] words = keyword.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        regex.append("(?![\\p{L}\\p{N}_])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText()); // one value written without a list
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException(where + " must list strings, not " + item);
                }
                values.add(item.asText());
            }
        } else {
            throw new IllegalArgumentException(where + " must be a list of strings, not " + node);
        }
        for (String value : values) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(where + " has an empty entry");
            }
        }
        return values;
    }

    private static String labelName(String label, String where) {
        if (label.isBlank()) {
            throw new IllegalArgumentException(where + ": a label name cannot be empty");
        }
        if (label.length() > MAX_LABEL) {
            throw new IllegalArgumentException(where + ": label names are at most " + MAX_LABEL + " characters on GitHub");
        }
        return label;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + name + "\" (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static JsonNode yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new SafeConstructor(options)).load(text);
        return Json.mapper().valueToTree(loaded);
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
