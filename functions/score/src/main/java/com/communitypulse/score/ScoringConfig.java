package com.communitypulse.score;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scoring weights, thresholds and lists (DESIGN.md section 5). {@link #defaults()} is DESIGN's
 * heuristic; {@link #parse(String)} reads the {@code SCORING_CONFIG} JSON, where every key is
 * optional and replaces its default. Unknown keys and bad values fail fast with a clear message,
 * so a typo never silently falls back to a default.
 */
public record ScoringConfig(
        BigDecimal base,
        Map<String, BigDecimal> typeBonus,
        Set<String> longCommentTypes,
        int longCommentThreshold,
        BigDecimal longCommentBonus,
        BigDecimal cap,
        BigDecimal highImpactThreshold,
        Set<String> unscoredTypes,
        Set<String> contributorTypes,
        Set<String> maintainerAssociations,
        Set<String> maintainers,
        Set<String> coreTeam,
        List<Pattern> botLoginPatterns) {

    private static final Set<String> KEYS = Set.of("base", "type_bonus", "long_comment", "cap",
            "high_impact_threshold", "unscored_types", "contributor_types", "maintainer_associations",
            "maintainers", "core_team", "bot_login_patterns");

    public static ScoringConfig defaults() {
        return new ScoringConfig(
                new BigDecimal("0.1"),
                Map.of("pr_merged", new BigDecimal("0.5"), "issue_opened", new BigDecimal("0.2")),
                Set.of("comment", "reply_given", "review_comment"),
                500,
                new BigDecimal("0.3"),
                new BigDecimal("1.0"),
                new BigDecimal("0.8"),
                Set.of("identity_linked"),
                Set.of("pr_merged", "answer_accepted", "docs_edited"),
                Set.of("OWNER", "MEMBER", "COLLABORATOR"),
                Set.of(),
                Set.of(),
                List.of(Pattern.compile("(?i).*\\[bot\\]$")));
    }

    /** Reads {@code SCORING_CONFIG}; null or blank means {@link #defaults()}. */
    public static ScoringConfig parse(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(root instanceof ObjectNode)) {
            throw invalid("must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid("unknown key '" + name + "'; known keys: " + new java.util.TreeSet<>(KEYS));
            }
        }
        ScoringConfig d = defaults();
        JsonNode longComment = root.path("long_comment");
        if (!longComment.isMissingNode()) {
            if (!longComment.isObject()) {
                throw invalid("long_comment must be an object {\"types\", \"threshold\", \"bonus\"}");
            }
            for (Iterator<String> names = longComment.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("types", "threshold", "bonus").contains(name)) {
                    throw invalid("unknown key 'long_comment." + name + "'; known keys: [bonus, threshold, types]");
                }
            }
        }
        BigDecimal cap = number(root, "cap", d.cap());
        if (cap.signum() <= 0) {
            throw invalid("cap must be greater than 0");
        }
        int threshold = d.longCommentThreshold();
        if (longComment.has("threshold")) {
            JsonNode t = longComment.get("threshold");
            if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() > Integer.MAX_VALUE) {
                throw invalid("long_comment.threshold must be a whole number of characters >= 0");
            }
            threshold = t.asInt();
        }
        return new ScoringConfig(
                number(root, "base", d.base()),
                bonuses(root, d.typeBonus()),
                strings(longComment, "long_comment.types", "types", d.longCommentTypes()),
                threshold,
                number(longComment, "long_comment.bonus", "bonus", d.longCommentBonus()),
                cap,
                number(root, "high_impact_threshold", d.highImpactThreshold()),
                strings(root, "unscored_types", "unscored_types", d.unscoredTypes()),
                strings(root, "contributor_types", "contributor_types", d.contributorTypes()),
                strings(root, "maintainer_associations", "maintainer_associations", d.maintainerAssociations()),
                strings(root, "maintainers", "maintainers", d.maintainers()),
                strings(root, "core_team", "core_team", d.coreTeam()),
                patterns(root, d.botLoginPatterns()));
    }

    private static BigDecimal number(JsonNode node, String key, BigDecimal fallback) {
        return number(node, key, key, fallback);
    }

    private static BigDecimal number(JsonNode node, String label, String key, BigDecimal fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw invalid(label + " must be a number >= 0, got " + value);
        }
        return value.decimalValue();
    }

    private static Map<String, BigDecimal> bonuses(JsonNode root, Map<String, BigDecimal> fallback) {
        JsonNode value = root.path("type_bonus");
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isObject()) {
            throw invalid("type_bonus must be an object of action type -> number, e.g. {\"pr_merged\": 0.5}");
        }
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> result.put(e.getKey(), number(value, "type_bonus." + e.getKey(), e.getKey(), null)));
        return Map.copyOf(result);
    }

    private static Set<String> strings(JsonNode node, String label, String key, Set<String> fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw invalid(label + " must be a list of strings");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw invalid(label + " must be a list of non-empty strings, got " + item);
            }
            result.add(item.asText());
        }
        return Set.copyOf(result);
    }

    private static List<Pattern> patterns(JsonNode root, List<Pattern> fallback) {
        if (root.path("bot_login_patterns").isMissingNode()) {
            return fallback;
        }
        List<Pattern> result = new ArrayList<>();
        for (String regex : strings(root, "bot_login_patterns", "bot_login_patterns", Set.of())) {
            try {
                result.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw invalid("bot_login_patterns entry '" + regex + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        return List.copyOf(result);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("SCORING_CONFIG is invalid: " + why);
    }
}
