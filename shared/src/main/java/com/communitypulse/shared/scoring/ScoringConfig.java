package com.communitypulse.shared.scoring;

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
 * Scoring weights, thresholds, lists, decay and demotion rules (docs/design.md section 5), all in one
 * versioned file: {@link #DEFAULT_RESOURCE} on the classpath ({@code "version": 1}) is DESIGN's heuristic
 * and every key must be in it. {@link #parse(String)} reads the {@code SCORING_CONFIG} JSON over it, where
 * every key is optional and replaces its default (a nested object such as {@code decay} replaces only the
 * keys it names). Unknown keys and bad values fail fast with a clear message, so a typo never silently
 * falls back to a default. The effective {@link #version()} is the override's {@code version} when it gives
 * one, else {@code <file version>+custom-<first 8 hex of the override's SHA-256>}, so an explanation or a
 * log line always says which rules made a figure.
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
        List<Pattern> botLoginPatterns,
        String version,
        Decay decay,
        Demotion demotion) {

    /** The default configuration, on the classpath of the score and api jars. */
    public static final String DEFAULT_RESOURCE = "/scoring/scoring-config.json";

    /**
     * Monthly decay of the all-time score: points earned in calendar month m (UTC) count
     * {@code monthly_factor ^ (months from m to the month they are read in)} when ranked on the all-time
     * leaderboard and explained. Off by default, so DESIGN's plain sum stays exact.
     */
    public record Decay(boolean enabled, BigDecimal monthlyFactor) {
        /** The factor for points earned {@code monthsAgo} months before (1 when off or not in the past). */
        public BigDecimal factor(long monthsAgo) {
            if (!enabled || monthsAgo <= 0) {
                return BigDecimal.ONE;
            }
            return monthlyFactor.pow((int) Math.min(monthsAgo, 1200));
        }
    }

    /**
     * Demotion at the monthly review: a person whose points in every trailing {@code window_days} window
     * ending in the whole previous calendar month stayed below {@code min_points} of their tier, and who
     * held that tier since before that month began, goes down one tier. Off by default (DESIGN's tiers never
     * go down). A tier without a threshold is never demoted; tiers from the {@code core_team}/{@code maintainers}
     * lists are never demoted below the listed tier.
     */
    public record Demotion(boolean enabled, int windowDays, Map<String, BigDecimal> minPoints) {
        public BigDecimal threshold(Tier tier) {
            return minPoints.get(tier.label());
        }
    }

    private static final Set<String> KEYS = Set.of("version", "base", "type_bonus", "long_comment", "cap",
            "high_impact_threshold", "unscored_types", "contributor_types", "maintainer_associations",
            "maintainers", "core_team", "bot_login_patterns", "decay", "demotion");

    private static final ScoringConfig DEFAULTS = loadDefaults();

    public static ScoringConfig defaults() {
        return DEFAULTS;
    }

    private static ScoringConfig loadDefaults() {
        try (var in = ScoringConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            JsonNode root = readObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            if (!root.path("version").isIntegralNumber()) {
                throw invalid("the default file must have a whole-number version");
            }
            for (String key : KEYS) {
                if (!root.has(key)) {
                    throw invalid("the default file " + DEFAULT_RESOURCE + " must define '" + key + "'");
                }
            }
            return over(null, root, root.get("version").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Reads {@code SCORING_CONFIG} over the default file; null or blank means {@link #defaults()}. */
    public static ScoringConfig parse(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        JsonNode root = readObject(json);
        String version = root.has("version") ? root.get("version").asText()
                : DEFAULTS.version() + "+custom-" + sha256(json).substring(0, 8);
        if (root.has("version") && !(root.get("version").isIntegralNumber() || root.get("version").isTextual())) {
            throw invalid("version must be a number or a string");
        }
        return over(DEFAULTS, root, version);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readObject(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(root instanceof ObjectNode)) {
            throw invalid("must be a JSON object");
        }
        return root;
    }

    /** {@code root}'s keys over {@code base}; with {@code base} null (the default file) every key is there. */
    private static ScoringConfig over(ScoringConfig base, JsonNode root, String version) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid("unknown key '" + name + "'; known keys: " + new java.util.TreeSet<>(KEYS));
            }
        }
        ScoringConfig d = base != null ? base : skeleton();
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
                patterns(root, d.botLoginPatterns()),
                version,
                decay(root.path("decay"), d.decay()),
                demotion(root.path("demotion"), d.demotion()));
    }

    /** Placeholders the default file's values replace (it must define every key). */
    private static ScoringConfig skeleton() {
        return new ScoringConfig(BigDecimal.ZERO, Map.of(), Set.of(), 0, BigDecimal.ZERO, BigDecimal.ONE,
                BigDecimal.ONE, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of(), "0",
                new Decay(false, BigDecimal.ONE), new Demotion(false, 30, Map.of()));
    }

    private static Decay decay(JsonNode node, Decay fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        keys(node, "decay", Set.of("enabled", "monthly_factor"));
        boolean enabled = bool(node, "decay.enabled", fallback.enabled());
        BigDecimal factor = number(node, "decay.monthly_factor", "monthly_factor", fallback.monthlyFactor());
        if (factor.signum() <= 0 || factor.compareTo(BigDecimal.ONE) > 0) {
            throw invalid("decay.monthly_factor must be greater than 0 and at most 1, got " + factor);
        }
        return new Decay(enabled, factor);
    }

    private static Demotion demotion(JsonNode node, Demotion fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        keys(node, "demotion", Set.of("enabled", "window_days", "min_points"));
        boolean enabled = bool(node, "demotion.enabled", fallback.enabled());
        int window = fallback.windowDays();
        if (node.has("window_days")) {
            JsonNode w = node.get("window_days");
            if (!w.isIntegralNumber() || w.asLong() < 1 || w.asLong() > 366) {
                throw invalid("demotion.window_days must be a whole number of days from 1 to 366, got " + w);
            }
            window = w.asInt();
        }
        Map<String, BigDecimal> min = fallback.minPoints();
        JsonNode points = node.path("min_points");
        if (!points.isMissingNode()) {
            if (!points.isObject()) {
                throw invalid("demotion.min_points must be an object of tier -> points, e.g. {\"Contributor\": 0.5}");
            }
            Map<String, BigDecimal> result = new LinkedHashMap<>();
            for (Iterator<String> names = points.fieldNames(); names.hasNext(); ) {
                String tier = names.next();
                if (!com.communitypulse.shared.store.TableKeys.TIERS.contains(tier) || tier.equals(Tier.USER.label())) {
                    throw invalid("demotion.min_points key '" + tier + "' is not a tier above User; known: "
                            + com.communitypulse.shared.store.TableKeys.TIERS.subList(1, 4));
                }
                result.put(tier, number(points, "demotion.min_points." + tier, tier, null));
            }
            min = Map.copyOf(result);
        }
        return new Demotion(enabled, window, min);
    }

    private static void keys(JsonNode node, String label, Set<String> known) {
        if (!node.isObject()) {
            throw invalid(label + " must be an object with keys " + new java.util.TreeSet<>(known));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid("unknown key '" + label + "." + name + "'; known keys: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static boolean bool(JsonNode node, String label, boolean fallback) {
        String key = label.substring(label.indexOf('.') + 1);
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).isBoolean()) {
            throw invalid(label + " must be true or false, got " + node.get(key));
        }
        return node.get(key).asBoolean();
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
