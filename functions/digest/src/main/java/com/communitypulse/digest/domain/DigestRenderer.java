package com.communitypulse.digest.domain;

import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the digest: the subject here, the plain text in {@link DigestText}, the HTML in {@link DigestHtml}. The text starts with one {@code Label: value} line per
 * headline figure (labels fixed, so scripts and filters can read them). The HTML uses tables and
 * inline CSS only, fits a phone, and says everything in words, so it reads fine without images.
 */
public final class DigestRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(DigestRenderer.class);

    static final int LIST_LIMIT = 10;

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);


    private DigestRenderer() {
    }

    /** Text and HTML, plus the chart unless the week was quiet or the chart cannot be drawn here. */
    public static DigestContent content(DigestFigures figures) {
        return content(figures, DigestChart::png);
    }

    public static DigestContent content(DigestFigures figures, Function<DigestFigures, byte[]> chartMaker) {
        return content(figures, chartMaker, Optional.empty());
    }

    public static DigestContent content(DigestFigures figures, Function<DigestFigures, byte[]> chartMaker,
                                        Optional<String> ingest) {
        Optional<byte[]> chart = Optional.empty();
        if (!figures.quietWeek()) {
            try {
                chart = Optional.of(chartMaker.apply(figures));
            } catch (RuntimeException | LinkageError | InternalError e) {
                // A host without fonts (AWT's "Fontconfig head is null" / "No fonts found") must not cost the
                // week its digest: it says everything in words, so it goes out without the picture.
                LOG.warn("Digest chart could not be drawn, sending without it: {}", e.toString());
            } catch (Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.warn("Digest chart could not be drawn, sending without it: {}", e.toString());
            }
        }
        return render(figures, chart, ingest);
    }

    public static DigestContent render(DigestFigures f, Optional<byte[]> chartPng) {
        return render(f, chartPng, Optional.empty());
    }

    /** {@code ingest}: the GitHub reconciler's line for the week ({@link com.communitypulse.shared.figures.IngestCounts#line()}), shown when present. */
    public static DigestContent render(DigestFigures f, Optional<byte[]> chartPng, Optional<String> ingest) {
        return new DigestContent(subject(f), DigestText.text(f, ingest), DigestHtml.html(f, chartPng.isPresent(), ingest), chartPng);
    }

    public static String subject(DigestFigures f) {
        if (f.quietWeek()) {
            return "Community Pulse " + f.week().id() + ": a quiet week";
        }
        return "Community Pulse " + f.week().id() + ": " + f.activeContributors() + " active, "
                + f.newContributors().size() + " new, " + f.prsMerged() + " PRs merged";
    }

    static String range(IsoWeek week) {
        return week.monday().format(SHORT_DAY) + " to " + week.sunday().format(DAY);
    }

    public static String text(DigestFigures f) {
        return DigestText.text(f, Optional.empty());
    }

    public static String html(DigestFigures f, boolean withChart) {
        return DigestHtml.html(f, withChart, Optional.empty());
    }

    // ---------------------------------------------------------------- formatting, shared by both

    static String coreList(BusFactor.RepoFactor r) {
        List<String> parts = new ArrayList<>();
        r.core().forEach(c -> parts.add(c.login() + " " + c.contributions()));
        return String.join(", ", parts);
    }

    /** The chart's bars: each day's actions, all types together (people only, as the figures count them). */
    public static int[] dailyTotals(DigestFigures f) {
        int[] totals = new int[7];
        f.dailyActionsByType().values().forEach(counts -> {
            for (int i = 0; i < 7; i++) {
                totals[i] += counts[i];
            }
        });
        return totals;
    }

    static String dailyTotalsInWords(DigestFigures f) {
        int[] totals = dailyTotals(f);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate d = f.days().get(i);
            parts.add(d.format(DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH)) + " " + totals[i]);
        }
        return String.join(", ", parts);
    }

    /** What an opening action opened, in words. */
    static String threadKind(String openingType) {
        return switch (openingType == null ? "" : openingType) {
            case "issue_opened" -> "issue";
            case "pr_opened" -> "PR";
            case "discussion_opened" -> "discussion";
            case "topic_created" -> "topic";
            default -> "thread";
        };
    }

    static String hours(Duration d) {
        return d.toHours() + "h";
    }

    static String signed(int n) {
        return n > 0 ? "+" + n : Integer.toString(n);
    }

    static String tier(String tier) {
        return tier == null || tier.isBlank() ? "none" : tier;
    }

    static String type(String type) {
        return type == null ? "action" : type.replace('_', ' ');
    }

    static <T> List<T> limit(List<T> items) {
        return items.size() > LIST_LIMIT ? items.subList(0, LIST_LIMIT) : items;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}