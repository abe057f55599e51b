package com.communitypulse.shared.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The profile's score broken down. Each scored action (impact above 0, never a bot's) adds 1 to the
 * profile attribute {@code x_{yyyy-MM}#{platform}#{type}#{impact}} (N): its month (UTC), platform, type and
 * the impact it earned. So {@code score = sum(count x impact) + legacy} exactly, where {@code legacy} is what
 * was scored before these tallies were kept (0 on a table scored by this version from the start).
 *
 * <p>Decay ({@link ScoringConfig.Decay}): a tally of month m counts {@code factor ^ months(m, asOf)}, each
 * line rounded to {@link #SCALE} decimal places; the decayed total is the sum of the rounded lines plus the
 * undecayed legacy. The planner stores that total as the all-time leaderboard's {@code lb_score}, and the
 * monthly review refreshes it, so ranking, stored figure and explanation agree.
 */
public final class ScoreBreakdown {
    public static final String PREFIX = "x_";
    public static final int SCALE = 6;

    private ScoreBreakdown() {
    }

    /** One tally: {@code count} actions of a type on a platform in a month, each worth {@code weight}. */
    public record Line(YearMonth month, String platform, String type, BigDecimal weight, long count) {
        public BigDecimal points() {
            return weight.multiply(BigDecimal.valueOf(count));
        }

        public BigDecimal decayed(ScoringConfig.Decay decay, YearMonth asOf) {
            BigDecimal factor = decay.factor(ChronoUnit.MONTHS.between(month, asOf));
            return points().multiply(factor).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
    }

    /** The attribute name of a tally. */
    public static String attribute(YearMonth month, String platform, String type, BigDecimal weight) {
        return PREFIX + month + "#" + platform + "#" + type + "#" + weight.stripTrailingZeros().toPlainString();
    }

    /** Tallies by attribute name ({@code x_…}); other names are ignored. Sorted by month, platform, type, weight. */
    public static List<Line> lines(Map<String, Long> tallies) {
        List<Line> lines = new ArrayList<>();
        tallies.forEach((name, count) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            String[] parts = name.substring(PREFIX.length()).split("#", 4);
            if (parts.length == 4) {
                lines.add(new Line(YearMonth.parse(parts[0]), parts[1], parts[2], new BigDecimal(parts[3]), count));
            }
        });
        lines.sort(Comparator.comparing(Line::month).thenComparing(Line::platform).thenComparing(Line::type)
                .thenComparing(Line::weight));
        return lines;
    }

    public static BigDecimal points(List<Line> lines) {
        return lines.stream().map(Line::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The part of {@code score} no tally explains (scored before tallies were kept). */
    public static BigDecimal legacy(BigDecimal score, List<Line> lines) {
        return score.subtract(points(lines)).stripTrailingZeros();
    }

    /** The decayed all-time score as of {@code asOf}; {@code score} itself when decay is off. */
    public static BigDecimal decayedTotal(BigDecimal score, Map<String, Long> tallies, ScoringConfig.Decay decay, YearMonth asOf) {
        if (!decay.enabled()) {
            return score;
        }
        List<Line> lines = lines(tallies);
        BigDecimal total = legacy(score, lines);
        for (Line line : lines) {
            total = total.add(line.decayed(decay, asOf));
        }
        return total.stripTrailingZeros();
    }
}
