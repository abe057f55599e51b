package com.communitypulse.digest.domain;

import static com.communitypulse.digest.domain.DigestRenderer.*;

import com.communitypulse.shared.figures.DigestFigures.HighImpactAction;
import com.communitypulse.shared.figures.DigestFigures.ImpactRow;
import com.communitypulse.shared.figures.DigestFigures.OpenThread;
import com.communitypulse.shared.figures.DigestFigures.QuietRegular;
import com.communitypulse.shared.figures.DigestFigures.TierPromotion;
import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.FigureText;
import com.communitypulse.shared.figures.ResponseDebt;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The digest as plain text: one {@code Label: value} line per headline figure first (labels fixed, so scripts and filters can read them). */
final class DigestText {

    private DigestText() {
    }

    static String text(DigestFigures f, Optional<String> ingest) {
        StringBuilder t = new StringBuilder();
        List<String> values = FigureText.headlineValues(f);
        for (int i = 0; i < FigureText.HEADLINE_LABELS.size(); i++) {
            t.append(FigureText.HEADLINE_LABELS.get(i)).append(": ").append(values.get(i)).append('\n');
        }
        t.append('\n').append("Community Pulse weekly digest, ").append(f.week().id())
                .append(" (").append(range(f.week())).append(", UTC)\n\n");
        if (f.quietWeek()) {
            t.append("A quiet week: no contributor (bots aside) did anything we record.\n");
        }
        t.append("Change in active contributors vs ").append(f.week().minusWeeks(1).id()).append(": ")
                .append(signed(f.activeChange())).append(" (").append(f.activeContributorsWeekBefore()).append(" then)\n");
        t.append("Active in the last 28 days: ").append(f.activeLast28Days()).append('\n');
        t.append("Returning contributors: ").append(f.returningContributors()).append('\n');
        t.append("Pull requests opened: ").append(f.prsOpened()).append(", merged: ").append(f.prsMerged())
                .append(", closed unmerged: ").append(f.prsClosedUnmerged()).append('\n');
        t.append("p90 time to first response: ")
                .append(f.p90TimeToFirstResponse().map(FigureText::duration).orElse("n/a"))
                .append(" (").append(f.threadsAnswered()).append(" of ").append(f.threadsOpened())
                .append(" new threads answered)\n");
        t.append("Docs edits: ").append(f.docsEdits()).append('\n');
        t.append("Actions recorded: ").append(f.totalActions()).append('\n');
        ingest.ifPresent(line -> t.append("GitHub deliveries: ").append(line).append('\n'));
        responseDebtText(t, f);
        busFactorText(t, f);

        if (!f.newContributors().isEmpty()) {
            t.append("\nNEW CONTRIBUTORS\n");
            f.newContributors().forEach(n -> t.append("  - ").append(n).append('\n'));
        }
        if (!f.quietWeek()) {
            t.append("\nACTIONS PER DAY\n");
            int[] totals = dailyTotals(f);
            for (int i = 0; i < 7; i++) {
                t.append(String.format(Locale.ROOT, "  %-10s %d%n", f.days().get(i).format(SHORT_DAY), totals[i]));
            }
        }
        if (!f.topByImpact().isEmpty()) {
            t.append("\nTOP ").append(f.topByImpact().size()).append(" BY IMPACT\n");
            int rank = 1;
            for (ImpactRow r : f.topByImpact()) {
                t.append(String.format(Locale.ROOT, "  %2d. %-24s %6.2f  (%d actions)%n", rank++, r.login(), r.impact(), r.actions()));
            }
        }
        if (!f.tierPromotions().isEmpty()) {
            t.append("\nTIER PROMOTIONS\n");
            for (TierPromotion p : f.tierPromotions()) {
                t.append("  - ").append(p.login()).append(": ").append(tier(p.fromTier())).append(" -> ")
                        .append(tier(p.toTier())).append('\n');
            }
        }
        if (!f.highImpactActions().isEmpty()) {
            t.append("\nHIGH-IMPACT ACTIONS (impact above ").append(f.highImpactAbove().stripTrailingZeros().toPlainString()).append(")\n");
            for (HighImpactAction a : limit(f.highImpactActions())) {
                t.append("  - ").append(a.login()).append(' ').append(type(a.type()))
                        .append(a.repo() != null ? " in " + a.repo() : "")
                        .append(String.format(Locale.ROOT, " (%.2f)", a.impact()))
                        .append(a.url() != null ? " " + a.url() : "").append('\n');
            }
            more(t, f.highImpactActions().size());
        }
        if (!f.unansweredAfter24h().isEmpty()) {
            t.append("\nSTILL UNANSWERED AFTER 24H\n");
            for (OpenThread o : limit(f.unansweredAfter24h())) {
                t.append("  - ").append(o.repo() != null ? o.repo() + " " : "").append("by ").append(o.authorLogin())
                        .append(", opened ").append(STAMP.format(o.openedAt()))
                        .append(o.url() != null ? " " + o.url() : "").append('\n');
            }
            more(t, f.unansweredAfter24h().size());
        }
        if (!f.quietRegulars().isEmpty()) {
            t.append("\nREGULARS WHO WENT QUIET\n");
            for (QuietRegular q : f.quietRegulars()) {
                t.append("  - ").append(q.login()).append(" (active ").append(q.activeWeeksOfLast4())
                        .append(" of the 4 weeks before, last seen ").append(q.lastSeen().format(SHORT_DAY)).append(")\n");
            }
        }
        t.append("\nHOW THESE ARE COUNTED\n");
        FigureText.definitions(f.highImpactAbove()).forEach(d -> t.append("  - ").append(d[0]).append(": ").append(d[1]).append('\n'));
        return t.toString();
    }

    static void more(StringBuilder t, int size) {
        if (size > LIST_LIMIT) {
            t.append("  ... and ").append(size - LIST_LIMIT).append(" more\n");
        }
    }

    static void responseDebtText(StringBuilder t, DigestFigures f) {
        ResponseDebt.Figures d = f.responseDebt();
        t.append("\nRESPONSE DEBT: FIRST-TIMERS WAITING OVER ").append(hours(d.target())).append('\n');
        t.append("  First-timers' threads opened in the 28 days to ").append(f.week().sunday().format(SHORT_DAY))
                .append(": ").append(d.threads()).append(", answered by a human: ").append(d.answered())
                .append(", human-only time to first response: median ")
                .append(d.medianFirstResponse().map(FigureText::duration).orElse("n/a"))
                .append(", p90 ").append(d.p90FirstResponse().map(FigureText::duration).orElse("n/a")).append('\n');
        if (d.waiting().isEmpty()) {
            t.append("  None waiting.\n");
            return;
        }
        for (ResponseDebt.RepoDebt r : limit(d.byRepo().stream().filter(r -> !r.waiting().isEmpty()).toList())) {
            t.append("  ").append(r.repo()).append(": ").append(r.waiting().size()).append(" waiting; ")
                    .append(r.answered()).append(" of ").append(r.firstTimerThreads()).append(" answered, median ")
                    .append(r.medianFirstResponse().map(FigureText::duration).orElse("n/a")).append('\n');
            for (ResponseDebt.Waiting w : limit(r.waiting())) {
                t.append("    - ").append(threadKind(w.type())).append(" by ").append(w.authorLogin())
                        .append(", opened ").append(STAMP.format(w.openedAt())).append(", waiting ")
                        .append(FigureText.duration(w.waited())).append(w.url() != null ? " " + w.url() : "").append('\n');
            }
            if (r.waiting().size() > LIST_LIMIT) {
                t.append("    ... and ").append(r.waiting().size() - LIST_LIMIT).append(" more\n");
            }
        }
    }

    static void busFactorText(StringBuilder t, DigestFigures f) {
        t.append("\nBUS FACTOR (CHAOSS Contributor Absence Factor, 90 days to ").append(f.week().sunday().format(SHORT_DAY))
                .append(")\n");
        if (f.busFactor().isEmpty()) {
            t.append("  No contributions in the 90 days.\n");
            return;
        }
        for (BusFactor.RepoFactor r : limit(f.busFactor())) {
            t.append("  - ").append(r.repo()).append(": bus factor ").append(r.factor()).append(" of ").append(r.contributors())
                    .append(r.contributors() == 1 ? " person" : " people").append(" (").append(r.contributions())
                    .append(r.contributions() == 1 ? " contribution" : " contributions").append("); core: ").append(coreList(r)).append(FigureText.flags(r).isEmpty() ? "" : "  " + FigureText.flags(r))
                    .append('\n');
        }
        more(t, f.busFactor().size());
    }
}
