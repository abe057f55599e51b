package com.communitypulse.api.store;

import com.communitypulse.shared.figures.FigureText;
import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.Profile;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.figures.ThreadInfo;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /health?weeks=12}: the digest's weekly figures for each of the last {@code weeks} ISO weeks (the
 * current one so far, marked {@code complete: false}), this moment's response debt and bus factor. Every
 * figure is the digest's own: {@link FigureCalculator#compute} on exactly the activity, THREAD items and
 * profiles the digest would have read for that week (the same selection as {@code DigestService.figures}),
 * and the headline strings are {@link FigureText#headlineValues}, so the page and the email cannot disagree.
 *
 * <p>One read for all the weeks: one Query per {@code DAY#} partition from the earliest week's 4 weeks before
 * (or the bus factor's 90 days, whichever is earlier) to today (113 Queries for 12 weeks, never a Scan), one
 * BatchGetItem round of THREAD items and one of profiles; then each week's figures are computed in memory from
 * its own slice.
 */
public final class HealthReader {
    public static final int DEFAULT_WEEKS = 12;
    public static final int MAX_WEEKS = 26;

    private final DigestStore store;
    private final BigDecimal highImpactAbove;
    private final Duration responseTarget;

    public HealthReader(DigestStore store, Duration responseTarget, BigDecimal highImpactAbove) {
        this.highImpactAbove = highImpactAbove;
        this.store = store;
        this.responseTarget = responseTarget;
    }

    public ObjectNode read(int weekCount, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        IsoWeek current = IsoWeek.of(today);
        List<IsoWeek> weeks = new ArrayList<>();
        for (int back = weekCount - 1; back >= 0; back--) {
            weeks.add(current.minusWeeks(back));
        }
        LocalDate from = earliest(BusFactor.firstDay(now), weeks.stream().map(HealthReader::digestFrom).toList());
        List<Activity> all = store.activity(from, today);

        // what the digest would request for each week, and for this moment's response debt
        Map<IsoWeek, List<Activity>> windows = new HashMap<>();
        Map<IsoWeek, Set<String>> threadIdsByWeek = new HashMap<>();
        Set<String> threadIds = new LinkedHashSet<>();
        for (IsoWeek week : weeks) {
            LocalDate weekFrom = digestFrom(week);
            LocalDate weekTo = week.sunday();
            List<Activity> window = all.stream().filter(a -> {
                LocalDate day = a.ts().atZone(ZoneOffset.UTC).toLocalDate();
                return !day.isBefore(weekFrom) && !day.isAfter(weekTo);
            }).toList();
            windows.put(week, window);
            Set<String> ids = new LinkedHashSet<>();
            window.stream().filter(a -> a.thread() != null && week.contains(a.ts()) && !a.isBot())
                    .forEach(a -> ids.add(a.thread()));
            ids.addAll(ResponseDebt.firstTimerOpenings(window, week.end()).keySet());
            threadIdsByWeek.put(week, ids);
            threadIds.addAll(ids);
        }
        Set<String> debtThreadIds = ResponseDebt.firstTimerOpenings(all, now).keySet();
        threadIds.addAll(debtThreadIds);
        Map<String, ThreadInfo> threads = threadIds.isEmpty() ? Map.of() : store.threads(threadIds);

        Map<IsoWeek, Set<String>> identitiesByWeek = new HashMap<>();
        Set<String> identities = new LinkedHashSet<>();
        for (IsoWeek week : weeks) {
            Map<String, ThreadInfo> weekThreads = only(threads, threadIdsByWeek.get(week));
            Set<String> ids = new LinkedHashSet<>(identities(weekThreads.values()));
            ids.addAll(ResponseDebt.personsToResolve(windows.get(week), threadIdsByWeek.get(week)));
            identitiesByWeek.put(week, ids);
            identities.addAll(ids);
        }
        Set<String> debtIdentities = new LinkedHashSet<>(identities(only(threads, debtThreadIds).values()));
        debtIdentities.addAll(ResponseDebt.personsToResolve(all, debtThreadIds));
        identities.addAll(debtIdentities);
        Set<String> contributors = new LinkedHashSet<>();
        all.stream().filter(a -> !a.ts().isBefore(now.minus(BusFactor.WINDOW)) && BusFactor.isContribution(a))
                .forEach(a -> contributors.add(a.person()));
        identities.addAll(contributors);
        Map<String, Profile> profiles = identities.isEmpty() ? Map.of() : store.profiles(identities);

        ObjectNode out = Json.mapper().createObjectNode();
        out.put("as_of", now.toString());
        out.put("weeks_requested", weekCount);
        out.put("response_target_hours", responseTarget.toHours());
        ArrayNode labels = out.putArray("headline_labels");
        FigureText.HEADLINE_LABELS.forEach(labels::add);
        ArrayNode definitions = out.putArray("definitions");
        for (String[] d : FigureText.definitions(highImpactAbove)) {
            definitions.addObject().put("name", d[0]).put("definition", d[1]);
        }
        ArrayNode weekNodes = out.putArray("weeks");
        int actions = 0;
        for (IsoWeek week : weeks) {
            DigestFigures f = FigureCalculator.compute(week, now, responseTarget, highImpactAbove, windows.get(week),
                    only(threads, threadIdsByWeek.get(week)), only(profiles, identitiesByWeek.get(week)));
            weekNodes.add(week(f, now));
            actions += f.totalActions();
        }
        out.put("total_actions", actions);
        out.put("empty", all.stream().noneMatch(a -> !a.isBot() && a.isAction()));

        List<Activity> people = all.stream().filter(a -> !a.isBot() && a.person() != null).toList();
        out.set("response_debt", debt(ResponseDebt.compute(now, now, responseTarget, people,
                only(threads, debtThreadIds), only(profiles, debtIdentities))));

        // as GET /bus-factor: the 90 days to now, identities linked later counted as their person
        Map<String, Profile> busProfiles = only(profiles, contributors);
        List<BusFactor.RepoFactor> factors = BusFactor.compute(all, now,
                person -> busProfiles.containsKey(person) ? busProfiles.get(person).id() : person);
        ObjectNode bus = out.putObject("bus_factor");
        bus.put("window_days", BusFactor.WINDOW.toDays()).put("quiet_after_days", BusFactor.QUIET_AFTER.toDays())
                .put("from", now.minus(BusFactor.WINDOW).toString()).put("to", now.toString());
        ArrayNode repos = bus.putArray("repos");
        for (BusFactor.RepoFactor r : factors) {
            ObjectNode node = BusFactorReader.repo(r);
            node.put("flags", FigureText.flags(r));
            repos.add(node);
        }
        return out;
    }

    /** The first day the digest reads for {@code week}: the 90 days to its end or its 4 weeks before, whichever is earlier. */
    static LocalDate digestFrom(IsoWeek week) {
        LocalDate from = BusFactor.firstDay(week.end());
        LocalDate weeklyFrom = week.minusWeeks(FigureCalculator.WEEKS_BEFORE).monday();
        return from.isBefore(weeklyFrom) ? from : weeklyFrom;
    }

    private static LocalDate earliest(LocalDate first, List<LocalDate> others) {
        LocalDate min = first;
        for (LocalDate d : others) {
            if (d.isBefore(min)) {
                min = d;
            }
        }
        return min;
    }

    private static <V> Map<String, V> only(Map<String, V> map, Set<String> keys) {
        Map<String, V> out = new HashMap<>();
        for (String k : keys) {
            V v = map.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    private static Set<String> identities(java.util.Collection<ThreadInfo> threads) {
        Set<String> ids = new LinkedHashSet<>();
        for (ThreadInfo t : threads) {
            if (t.author() != null) {
                ids.add(t.author());
            }
            if (t.firstResponder() != null) {
                ids.add(t.firstResponder());
            }
        }
        return ids;
    }

    private static ObjectNode week(DigestFigures f, Instant now) {
        ObjectNode w = Json.mapper().createObjectNode();
        w.put("week", f.week().id());
        w.put("from", f.week().monday().toString());
        w.put("to", f.week().sunday().toString());
        w.put("complete", !f.week().end().isAfter(now));
        w.put("active_contributors", f.activeContributors());
        w.put("active_contributors_change", f.activeChange());
        w.put("active_last_28_days", f.activeLast28Days());
        w.put("new_contributors", f.newContributors().size());
        ArrayNode names = w.putArray("new_contributor_names");
        f.newContributors().forEach(names::add);
        w.put("returning_contributors", f.returningContributors());
        w.put("prs_opened", f.prsOpened());
        w.put("prs_merged", f.prsMerged());
        w.put("prs_closed_unmerged", f.prsClosedUnmerged());
        if (f.acceptanceRate().isPresent()) {
            w.put("pr_acceptance_rate", f.acceptanceRate().getAsDouble());
        } else {
            w.putNull("pr_acceptance_rate");
        }
        w.put("threads_opened", f.threadsOpened());
        w.put("threads_answered", f.threadsAnswered());
        seconds(w, "median_time_to_first_response_s", f.medianTimeToFirstResponse());
        seconds(w, "p90_time_to_first_response_s", f.p90TimeToFirstResponse());
        w.put("p90_time_to_first_response", f.p90TimeToFirstResponse().map(FigureText::duration).orElse("n/a"));
        w.put("unanswered_after_24h", f.unansweredAfter24h().size());
        w.put("total_actions", f.totalActions());
        // the digest's own headline strings, in HEADLINE_LABELS order (the plain text's "Label: value" lines)
        ArrayNode headline = w.putArray("headline");
        FigureText.headlineValues(f).forEach(headline::add);
        return w;
    }

    private static ObjectNode debt(ResponseDebt.Figures d) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("window_days", ResponseDebt.LOOKBACK.toDays());
        out.put("target_hours", d.target().toHours());
        out.put("first_timer_threads", d.threads());
        out.put("answered", d.answered());
        seconds(out, "median_first_response_s", d.medianFirstResponse());
        seconds(out, "p90_first_response_s", d.p90FirstResponse());
        out.put("median_first_response", d.medianFirstResponse().map(FigureText::duration).orElse("n/a"));
        out.put("p90_first_response", d.p90FirstResponse().map(FigureText::duration).orElse("n/a"));
        ArrayNode waiting = out.putArray("waiting");
        for (ResponseDebt.Waiting w : d.waiting()) {
            waiting.addObject().put("repo", w.repo()).put("thread", w.thread()).put("type", w.type())
                    .put("url", w.url()).put("author_login", w.authorLogin()).put("opened_at", w.openedAt().toString())
                    .put("waited_s", w.waited().getSeconds()).put("waited", FigureText.duration(w.waited()));
        }
        return out;
    }

    private static void seconds(ObjectNode node, String name, Optional<Duration> d) {
        if (d.isPresent()) {
            node.put(name, d.get().getSeconds());
        } else {
            node.putNull(name);
        }
    }
}
