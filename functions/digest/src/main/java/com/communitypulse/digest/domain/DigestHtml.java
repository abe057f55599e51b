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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The digest as HTML: tables and inline CSS only, fits a phone, and says everything in words, so it reads fine without images. */
final class DigestHtml {
    private static final String FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private static final String MUTED = "color:#5f6b7a;";
    private static final String H2 = "margin:24px 0 8px;font-size:17px;color:#1d2733;" + FONT;
    private static final String TD = "padding:6px 8px;border-bottom:1px solid #e6e9ee;font-size:14px;color:#1d2733;" + FONT;
    private static final String TH = "padding:6px 8px;border-bottom:2px solid #d5dae1;font-size:12px;text-align:left;" + MUTED + FONT;

    private DigestHtml() {
    }

    static void responseDebtHtml(StringBuilder h, DigestFigures f) {
        ResponseDebt.Figures d = f.responseDebt();
        h.append("<h2 style=\"").append(H2).append("\">Response debt: first-timers waiting over ")
                .append(esc(hours(d.target()))).append("</h2>");
        h.append("<p style=\"margin:0 0 8px;font-size:13px;line-height:1.5;").append(MUTED).append(FONT).append("\">")
                .append(d.threads()).append(" first-timers' threads opened in the 28 days to ")
                .append(esc(f.week().sunday().format(SHORT_DAY))).append(", ").append(d.answered())
                .append(" answered by a human. Human-only time to first response: median <strong>")
                .append(esc(d.medianFirstResponse().map(FigureText::duration).orElse("n/a")))
                .append("</strong>, p90 ").append(esc(d.p90FirstResponse().map(FigureText::duration).orElse("n/a")))
                .append(".</p>");
        if (d.waiting().isEmpty()) {
            h.append("<p style=\"margin:0;font-size:14px;color:#1d2733;").append(FONT).append("\">None waiting.</p>");
            return;
        }
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
        for (ResponseDebt.RepoDebt r : limit(d.byRepo().stream().filter(r -> !r.waiting().isEmpty()).toList())) {
            h.append("<tr><td style=\"").append(TD).append("background:#f3f6fb;\"><strong>").append(esc(r.repo()))
                    .append("</strong>: ").append(r.waiting().size()).append(" waiting<span style=\"font-size:12px;")
                    .append(MUTED).append("\"> &middot; ").append(r.answered()).append(" of ").append(r.firstTimerThreads())
                    .append(" answered, median ").append(esc(r.medianFirstResponse().map(FigureText::duration).orElse("n/a")))
                    .append("</span></td></tr>");
            for (ResponseDebt.Waiting w : limit(r.waiting())) {
                h.append("<tr><td style=\"").append(TD).append("padding-left:16px;\">")
                        .append(link(w.url(), threadKind(w.type()) + (w.url() != null ? "" : " " + w.thread())))
                        .append(" by ").append(esc(w.authorLogin()))
                        .append(" &middot; <strong style=\"color:#b3261e;\">waiting ").append(esc(FigureText.duration(w.waited())))
                        .append("</strong><br><span style=\"font-size:12px;").append(MUTED).append("\">opened ")
                        .append(STAMP.format(w.openedAt())).append("</span></td></tr>");
            }
            moreRow(h, r.waiting().size());
        }
        h.append("</table>");
    }

    static void busFactorHtml(StringBuilder h, DigestFigures f) {
        h.append("<h2 style=\"").append(H2).append("\">Bus factor</h2>")
                .append("<p style=\"margin:0 0 8px;font-size:13px;line-height:1.5;").append(MUTED).append(FONT).append("\">")
                .append("Fewest people who make half of each repository's contributions in the 90 days to ")
                .append(esc(f.week().sunday().format(SHORT_DAY))).append(" (CHAOSS Contributor Absence Factor).</p>");
        if (f.busFactor().isEmpty()) {
            h.append("<p style=\"margin:0;font-size:14px;color:#1d2733;").append(FONT).append("\">No contributions in the 90 days.</p>");
            return;
        }
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>");
        for (String c : List.of("Repository", "Factor", "Core (contributions)")) {
            h.append("<th style=\"").append(TH).append("\">").append(esc(c)).append("</th>");
        }
        h.append("</tr>");
        for (BusFactor.RepoFactor r : limit(f.busFactor())) {
            String flags = FigureText.flags(r);
            h.append("<tr><td style=\"").append(TD).append("\">").append(esc(r.repo()))
                    .append("<br><span style=\"font-size:12px;").append(MUTED).append("\">").append(r.contributions())
                    .append(r.contributions() == 1 ? " contribution, " : " contributions, ").append(r.contributors()).append(r.contributors() == 1 ? " person" : " people")
                    .append("</span></td>")
                    .append("<td style=\"").append(TD).append("font-size:20px;font-weight:bold;")
                    .append(r.singlePerson() ? "color:#b3261e;" : "").append("\">").append(r.factor()).append("</td>")
                    .append("<td style=\"").append(TD).append("\">").append(esc(coreList(r)));
            if (!flags.isEmpty()) {
                h.append("<br><span style=\"font-size:12px;color:#b3261e;font-weight:bold;\">")
                        .append(esc(flags.replace("FLAG: ", "\u26a0 "))).append("</span>");
            }
            h.append("</td></tr>");
        }
        if (f.busFactor().size() > LIST_LIMIT) {
            h.append("<tr><td colspan=\"3\" style=\"").append(TD).append(MUTED).append("\">and ")
                    .append(f.busFactor().size() - LIST_LIMIT).append(" more</td></tr>");
        }
        h.append("</table>");
    }

    static String html(DigestFigures f, boolean withChart, Optional<String> ingest) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(subject(f))).append("</title></head>")
                .append("<body style=\"margin:0;padding:0;background:#f3f5f8;\">")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f5f8;\">")
                .append("<tr><td align=\"center\" style=\"padding:12px 8px;\">")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" ")
                .append("style=\"max-width:600px;background:#ffffff;border-radius:8px;\">")
                .append("<tr><td style=\"padding:20px 16px;").append(FONT).append("\">");

        h.append("<div style=\"font-size:12px;text-transform:uppercase;letter-spacing:1px;").append(MUTED).append(FONT)
                .append("\">Community Pulse weekly digest</div>")
                .append("<h1 style=\"margin:4px 0 2px;font-size:22px;color:#1d2733;").append(FONT).append("\">Week ")
                .append(esc(f.week().id())).append("</h1>")
                .append("<div style=\"font-size:14px;").append(MUTED).append(FONT).append("\">")
                .append(esc(range(f.week()))).append(", UTC</div>");

        if (f.quietWeek()) {
            h.append("<p style=\"margin:16px 0;padding:12px;background:#fff8e6;border-radius:6px;font-size:15px;color:#1d2733;")
                    .append(FONT).append("\">A quiet week: no contributor (bots aside) did anything we record.</p>");
        }
        headlineTiles(h, f);

        if (withChart) {
            h.append("<h2 style=\"").append(H2).append("\">Actions per day</h2>")
                    .append("<img src=\"cid:").append(DigestContent.CHART_CID).append("\" width=\"560\" ")
                    .append("alt=\"Stacked bar chart of the week's actions per day by type. Totals: ")
                    .append(esc(dailyTotalsInWords(f))).append("\" ")
                    .append("style=\"display:block;width:100%;max-width:560px;height:auto;border:0;\">");
        }

        h.append("<h2 style=\"").append(H2).append("\">The week in numbers</h2>");
        List<List<String>> numbers = new java.util.ArrayList<>(List.of(
                List.of("Change in active contributors vs " + f.week().minusWeeks(1).id(),
                        signed(f.activeChange()) + " (" + f.activeContributorsWeekBefore() + " then)"),
                List.of("Active in the last 28 days", Integer.toString(f.activeLast28Days())),
                List.of("Returning contributors", Integer.toString(f.returningContributors())),
                List.of("Pull requests opened", Integer.toString(f.prsOpened())),
                List.of("Pull requests merged / closed unmerged", f.prsMerged() + " / " + f.prsClosedUnmerged()),
                List.of("p90 time to first response",
                        f.p90TimeToFirstResponse().map(FigureText::duration).orElse("n/a")),
                List.of("New threads answered", f.threadsAnswered() + " of " + f.threadsOpened()),
                List.of("Docs edits", Integer.toString(f.docsEdits())),
                List.of("Actions recorded", Integer.toString(f.totalActions()))));
        ingest.ifPresent(line -> numbers.add(List.of("GitHub deliveries", line)));
        table(h, List.of(), numbers, true);
        responseDebtHtml(h, f);
        busFactorHtml(h, f);

        if (!f.newContributors().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">New contributors</h2>")
                    .append("<p style=\"margin:0;font-size:15px;line-height:1.6;color:#1d2733;").append(FONT).append("\">")
                    .append("Say hello to ");
            List<String> names = f.newContributors();
            for (int i = 0; i < names.size(); i++) {
                h.append(i == 0 ? "" : i == names.size() - 1 ? " and " : ", ").append("<strong>").append(esc(names.get(i))).append("</strong>");
            }
            h.append(".</p>");
        }
        if (!f.topByImpact().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">Top ").append(f.topByImpact().size()).append(" by impact</h2>");
            List<List<String>> rows = new ArrayList<>();
            int rank = 1;
            for (ImpactRow r : f.topByImpact()) {
                rows.add(List.of(Integer.toString(rank++), r.login(), String.format(Locale.ROOT, "%.2f", r.impact()),
                        Integer.toString(r.actions())));
            }
            table(h, List.of("#", "Contributor", "Impact", "Actions"), rows, false);
        }
        if (!f.tierPromotions().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">Tier promotions</h2>");
            List<List<String>> rows = new ArrayList<>();
            for (TierPromotion p : f.tierPromotions()) {
                rows.add(List.of(p.login(), tier(p.fromTier()) + " \u2192 " + tier(p.toTier())));
            }
            table(h, List.of("Contributor", "Tier"), rows, false);
        }
        if (!f.highImpactActions().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">High-impact actions</h2>");
            h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
            for (HighImpactAction a : limit(f.highImpactActions())) {
                h.append("<tr><td style=\"").append(TD).append("\">").append(link(a.url(), type(a.type())))
                        .append(" by <strong>").append(esc(a.login())).append("</strong>")
                        .append(a.repo() != null ? " in " + esc(a.repo()) : "")
                        .append("<br><span style=\"font-size:12px;").append(MUTED).append("\">impact ")
                        .append(String.format(Locale.ROOT, "%.2f", a.impact())).append(", ").append(STAMP.format(a.at()))
                        .append("</span></td></tr>");
            }
            moreRow(h, f.highImpactActions().size());
            h.append("</table>");
        }
        if (!f.unansweredAfter24h().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">Still unanswered after 24 hours</h2>");
            h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
            for (OpenThread o : limit(f.unansweredAfter24h())) {
                h.append("<tr><td style=\"").append(TD).append("\">")
                        .append(link(o.url(), o.repo() != null ? o.repo() : o.thread()))
                        .append(" by ").append(esc(o.authorLogin()))
                        .append("<br><span style=\"font-size:12px;").append(MUTED).append("\">opened ")
                        .append(STAMP.format(o.openedAt())).append("</span></td></tr>");
            }
            moreRow(h, f.unansweredAfter24h().size());
            h.append("</table>");
        }
        if (!f.quietRegulars().isEmpty()) {
            h.append("<h2 style=\"").append(H2).append("\">Regulars who went quiet</h2>");
            List<List<String>> rows = new ArrayList<>();
            for (QuietRegular q : f.quietRegulars()) {
                rows.add(List.of(q.login(), q.activeWeeksOfLast4() + " of 4 weeks", q.lastSeen().format(SHORT_DAY)));
            }
            table(h, List.of("Contributor", "Active before", "Last seen"), rows, false);
        }

        h.append("<h2 style=\"").append(H2).append("\">How these are counted</h2>")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
        for (String[] d : FigureText.definitions(f.highImpactAbove())) {
            h.append("<tr><td style=\"padding:4px 0;font-size:12px;line-height:1.5;").append(MUTED).append(FONT).append("\"><strong>")
                    .append(esc(d[0])).append(":</strong> ").append(esc(d[1])).append("</td></tr>");
        }
        h.append("</table>");
        h.append("</td></tr></table></td></tr></table></body></html>\n");
        return h.toString();
    }

    /** Six figures as a two-column grid of tiles: two per row keeps them legible on a 360 px screen. */
    static void headlineTiles(StringBuilder h, DigestFigures f) {
        List<String> values = FigureText.headlineValues(f);
        List<String> notes = List.of(
                signed(f.activeChange()) + " vs week before",
                f.returningContributors() + " returning",
                f.prsOpened() + " opened",
                f.prsMerged() + " merged, " + f.prsClosedUnmerged() + " closed unmerged",
                "p90 " + f.p90TimeToFirstResponse().map(FigureText::duration).orElse("n/a"),
                f.threadsOpened() + " opened this week");
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin-top:16px;\">");
        for (int i = 0; i < values.size(); i += 2) {
            h.append("<tr>");
            for (int j = i; j < i + 2; j++) {
                h.append("<td width=\"50%\" valign=\"top\" style=\"padding:4px;\">")
                        .append("<div style=\"background:#f3f6fb;border-radius:6px;padding:10px 12px;").append(FONT).append("\">")
                        .append("<div style=\"font-size:12px;").append(MUTED).append("\">").append(esc(FigureText.HEADLINE_LABELS.get(j))).append("</div>")
                        .append("<div style=\"font-size:24px;font-weight:bold;color:#1d2733;\">").append(esc(values.get(j))).append("</div>")
                        .append("<div style=\"font-size:12px;").append(MUTED).append("\">").append(esc(notes.get(j))).append("</div>")
                        .append("</div></td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    static void table(StringBuilder h, List<String> header, List<List<String>> rows, boolean lastRight) {
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
        if (!header.isEmpty()) {
            h.append("<tr>");
            header.forEach(c -> h.append("<th style=\"").append(TH).append("\">").append(esc(c)).append("</th>"));
            h.append("</tr>");
        }
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean right = lastRight && i == row.size() - 1;
                h.append("<td style=\"").append(TD).append(right ? "text-align:right;font-weight:bold;" : "").append("\">")
                        .append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    static void moreRow(StringBuilder h, int size) {
        if (size > LIST_LIMIT) {
            h.append("<tr><td style=\"").append(TD).append(MUTED).append("\">and ").append(size - LIST_LIMIT)
                    .append(" more</td></tr>");
        }
    }

    static String link(String url, String label) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return esc(label);
        }
        return "<a href=\"" + esc(url) + "\" style=\"color:#2f6fde;\">" + esc(label) + "</a>";
    }
}
