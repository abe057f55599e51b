package com.communitypulse.shared.figures;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures' wording that the digest email and the API's health page both show (headline labels and
 * values, definitions, bus-factor flags, durations), kept in one place so the two cannot disagree.
 */
public final class FigureText {
    private FigureText() {
    }

    /** The headline labels, in the order the plain text lists them. */
    public static final List<String> HEADLINE_LABELS = List.of(
            "Active contributors", "New contributors", "Pull requests merged",
            "PR acceptance rate", "Median time to first response", "Unanswered after 24h");

    /** The headline values, in {@link #HEADLINE_LABELS} order. */
    public static List<String> headlineValues(DigestFigures f) {
        return List.of(
                Integer.toString(f.activeContributors()),
                Integer.toString(f.newContributors().size()),
                Integer.toString(f.prsMerged()),
                acceptance(f),
                f.medianTimeToFirstResponse().map(FigureText::duration).orElse("n/a"),
                Integer.toString(f.unansweredAfter24h().size()));
    }

    public static String acceptance(DigestFigures f) {
        return f.acceptanceRate().isPresent() ? Math.round(f.acceptanceRate().getAsDouble() * 100) + "%" : "n/a";
    }

    /** What each figure means; shown at the end of both parts. CHAOSS names where CHAOSS defines one. */
    public static List<String[]> definitions(BigDecimal highImpactAbove) {
        return List.of(
                new String[] {"Week", "ISO week, Monday 00:00 to Sunday 24:00 UTC. Bots are left out of every figure."},
                new String[] {"Active contributors", "distinct people with at least one recorded action in the week"
                        + " (CHAOSS: Active contributors); change is against the week before"},
                new String[] {"Active in the last 28 days", "distinct people with an action in the 28 days ending with the week"},
                new String[] {"New contributors", "people whose first action ever falls in the week (CHAOSS: New contributors)"},
                new String[] {"PR acceptance rate", "merged / (merged + closed without merging) in the week"
                        + " (CHAOSS: Change request acceptance ratio); n/a when none was decided"},
                new String[] {"Time to first response", "for issues, PRs, discussions and topics opened in the week: time until the first"
                        + " comment, reply, review or message by someone other than the author (CHAOSS: Time to first response);"
                        + " median and p90 (nearest rank)"},
                new String[] {"Unanswered after 24h", "opened in the week, no response yet and older than 24 hours"
                        + " when the digest was made"},
                new String[] {"Impact", "sum of the impact scores of a person's actions in the week; high-impact actions"
                        + " score above " + highImpactAbove.stripTrailingZeros().toPlainString()},
                new String[] {"Regulars who went quiet", "active in at least 3 of the 4 weeks before, but not this week"},
                new String[] {"Response debt", "issues, PRs, discussions and topics opened in the 28 days to the week's end"
                        + " by a first-timer (opening it was the author's first action ever) with no reply by a human"
                        + " other than the author (bots and the author's linked identities do not count) past the"
                        + " target; closed, merged or answered-and-accepted threads are not listed. Human-only time"
                        + " to first response is over the same threads"},
                new String[] {"Bus factor", "CHAOSS Contributor Absence Factor: per repository or forum category,"
                        + " the fewest people who make at least half of the contributions in the 90 days to the"
                        + " week's end (most active first, ties by id). Contributions: PRs opened, merged, closed"
                        + " and reviewed, review comments, issues opened and closed, comments, discussions, replies,"
                        + " accepted answers, topics, docs edits, releases and chat messages by people, not bots"
                        + " (stars, forks, joins, reactions and kudos do not count). Flagged when it is 1, or when"
                        + " one of those core people has not contributed there for 14 days or more"});
    }

    /** The warnings of one repository's bus factor, in words; empty when there is none. */
    public static String flags(BusFactor.RepoFactor r) {
        List<String> flags = new ArrayList<>();
        if (r.singlePerson()) {
            flags.add("FLAG: one person makes half the contributions");
        }
        for (BusFactor.Core c : r.quietCore()) {
            flags.add("FLAG: " + c.login() + " (core) quiet " + c.daysQuiet() + " days");
        }
        return String.join("; ", flags);
    }

    /** 45s, 12m, 3h 20m, 2d 4h. */
    public static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long hours = m / 60;
        if (hours < 48) {
            return hours + "h " + (m % 60) + "m";
        }
        return hours / 24 + "d " + hours % 24 + "h";
    }
}
