package com.communitypulse.api.domain;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /contributors/{id}/explain}: the person's score as lines of count x weight (x decay) = points,
 * per platform, type and weight, from the profile's {@link ScoreBreakdown} tallies; {@code total_points}
 * (lines plus {@code legacy_points}, what was scored before tallies were kept) equals {@code score} exactly.
 * And why the person is in their tier: the {@code tier_history} step that brought them there, its reason and
 * the config rule behind it.
 */
public final class ScoreExplainer {
    private final ScoringConfig config;

    public ScoreExplainer(ScoringConfig config) {
        this.config = config;
    }

    public ObjectNode explain(Map<String, AttributeValue> profile, YearMonth asOf) {
        BigDecimal score = new BigDecimal(profile.get(ProfileItem.SCORE) == null ? "0" : profile.get(ProfileItem.SCORE).n());
        Map<String, Long> tallies = new HashMap<>();
        profile.forEach((name, value) -> {
            if (name.startsWith(ProfileItem.TALLY_PREFIX) && value.n() != null) {
                tallies.put(name, Long.parseLong(value.n()));
            }
        });
        List<ScoreBreakdown.Line> lines = ScoreBreakdown.lines(tallies);
        ScoringConfig.Decay decay = config.decay();

        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", s(profile, ProfileItem.ID));
        out.put("login", s(profile, ProfileItem.LOGIN));
        out.put("config_version", config.version());
        out.put("as_of", asOf.toString());
        out.putObject("decay").put("enabled", decay.enabled()).put("monthly_factor", plain(decay.monthlyFactor()));
        out.put("score", plain(score));

        // one line per platform, type and weight, summed over the months
        record Key(String platform, String type, BigDecimal weight) {
        }
        Map<Key, long[]> counts = new LinkedHashMap<>();
        Map<Key, BigDecimal> decayed = new HashMap<>();
        Map<YearMonth, BigDecimal[]> months = new LinkedHashMap<>();
        for (ScoreBreakdown.Line line : lines) {
            Key key = new Key(line.platform(), line.type(), line.weight());
            counts.computeIfAbsent(key, k -> new long[1])[0] += line.count();
            BigDecimal d = line.decayed(decay, asOf);
            decayed.merge(key, d, BigDecimal::add);
            BigDecimal[] m = months.computeIfAbsent(line.month(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            m[0] = m[0].add(line.points());
            m[1] = m[1].add(d);
        }
        ArrayNode lineNodes = out.putArray("lines");
        counts.entrySet().stream()
                .sorted((a, b) -> b.getKey().weight().multiply(BigDecimal.valueOf(b.getValue()[0]))
                        .compareTo(a.getKey().weight().multiply(BigDecimal.valueOf(a.getValue()[0]))))
                .forEach(e -> {
                    Key k = e.getKey();
                    long n = e.getValue()[0];
                    ObjectNode line = lineNodes.addObject();
                    line.put("platform", k.platform()).put("type", k.type()).put("count", n)
                            .put("weight", plain(k.weight())).put("rule", rule(k.type(), k.weight()))
                            .put("points", plain(k.weight().multiply(BigDecimal.valueOf(n))));
                    if (decay.enabled()) {
                        line.put("decayed_points", plain(decayed.get(k)));
                    }
                });
        ArrayNode monthNodes = out.putArray("months");
        months.forEach((month, m) -> {
            ObjectNode node = monthNodes.addObject().put("month", month.toString()).put("points", plain(m[0]));
            if (decay.enabled()) {
                node.put("factor", plain(decay.factor(ChronoUnit.MONTHS.between(month, asOf))))
                        .put("decayed_points", plain(m[1]));
            }
        });
        BigDecimal legacy = ScoreBreakdown.legacy(score, lines);
        out.put("legacy_points", plain(legacy));
        out.put("total_points", plain(ScoreBreakdown.points(lines).add(legacy)));
        out.put("decayed_total", plain(ScoreBreakdown.decayedTotal(score, tallies, decay, asOf)));
        out.set("tier", tier(profile));
        return out;
    }

    /** How a weight comes from the current config, or that another config version gave it. */
    String rule(String type, BigDecimal weight) {
        BigDecimal bonus = config.typeBonus().get(type);
        BigDecimal plainWeight = config.base().add(bonus == null ? BigDecimal.ZERO : bonus);
        String text = "base " + plain(config.base()) + (bonus == null ? "" : " + type_bonus." + type + " " + plain(bonus));
        if (plainWeight.min(config.cap()).compareTo(weight) == 0) {
            return plainWeight.compareTo(config.cap()) > 0 ? text + ", capped at " + plain(config.cap()) : text;
        }
        if (config.longCommentTypes().contains(type)) {
            BigDecimal longWeight = plainWeight.add(config.longCommentBonus());
            String longText = text + " + long_comment.bonus " + plain(config.longCommentBonus()) + " (over "
                    + config.longCommentThreshold() + " characters)";
            if (longWeight.min(config.cap()).compareTo(weight) == 0) {
                return longWeight.compareTo(config.cap()) > 0 ? longText + ", capped at " + plain(config.cap()) : longText;
            }
        }
        return "scored under another config version (the current one gives " + plain(plainWeight.min(config.cap())) + ")";
    }

    private ObjectNode tier(Map<String, AttributeValue> profile) {
        ObjectNode out = Json.mapper().createObjectNode();
        String tier = s(profile, ProfileItem.TIER);
        out.put("tier", tier);
        List<AttributeValue> history = profile.containsKey(ProfileItem.TIER_HISTORY)
                ? profile.get(ProfileItem.TIER_HISTORY).l() : List.of();
        // the step that entered the current tier: the first of the last run of steps into it
        Map<String, AttributeValue> entered = null;
        for (int i = history.size() - 1; i >= 0 && tier != null; i--) {
            Map<String, AttributeValue> step = history.get(i).m();
            if (!tier.equals(step.get(ProfileItem.STEP_TIER).s())) {
                break;
            }
            entered = step;
        }
        String reason = entered == null || !entered.containsKey(ProfileItem.STEP_REASON) ? null
                : entered.get(ProfileItem.STEP_REASON).s();
        out.put("since", entered == null ? null : entered.get(ProfileItem.STEP_AT).s());
        out.put("reason", reason);
        out.put("rule", ruleOf(tier, reason));
        if (config.demotion().enabled() && tier != null && config.demotion().minPoints().containsKey(tier)) {
            out.put("keeps_tier_while", "at least " + plain(config.demotion().minPoints().get(tier)) + " points in some "
                    + config.demotion().windowDays() + " days of each calendar month (demotion, reviewed monthly)");
        } else {
            out.put("keeps_tier_while", "always (no demotion rule for this tier)");
        }
        ArrayNode steps = out.putArray("history");
        for (AttributeValue step : history) {
            ObjectNode node = steps.addObject().put("tier", step.m().get(ProfileItem.STEP_TIER).s())
                    .put("at", step.m().get(ProfileItem.STEP_AT).s());
            if (step.m().containsKey(ProfileItem.STEP_REASON)) {
                node.put("reason", step.m().get(ProfileItem.STEP_REASON).s());
            }
        }
        return out;
    }

    /** The config rule a stored tier reason comes from (reasons are the scorer's and the review's). */
    static String ruleOf(String tier, String reason) {
        if (reason == null) {
            return tier == null ? null : "recorded before tier reasons were kept";
        }
        if (reason.startsWith("listed in ")) {
            return "config " + reason.substring("listed in ".length()) + " list";
        }
        if (reason.startsWith("github author_association ")) {
            return "config maintainer_associations (GitHub said " + reason.substring("github author_association ".length()) + ")";
        }
        if (reason.startsWith("identity_linked")) {
            return "identity link: the higher tier of the linked identities";
        }
        if (reason.startsWith("demotion:")) {
            return "monthly tier review (config demotion)";
        }
        if (reason.startsWith("first action")) {
            return "User: any action";
        }
        return "config contributor_types (" + reason + ")";
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    /** A JSON-friendly number: no exponent, no trailing zeros. */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
