package com.communitypulse.shared.figures;

import com.communitypulse.shared.figures.DigestFigures.HighImpactAction;
import com.communitypulse.shared.figures.DigestFigures.ImpactRow;
import com.communitypulse.shared.figures.DigestFigures.OpenThread;
import com.communitypulse.shared.figures.DigestFigures.QuietRegular;
import com.communitypulse.shared.figures.DigestFigures.TierPromotion;
import com.communitypulse.shared.model.Bots;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the activity of the digest's window (the week and the four before it for the weekly figures, the
 * 90 days to the week's end for the {@link BusFactor}), the threads and the profiles of their authors and
 * responders into the digest's figures. Pure: no I/O, no clock.
 */
public final class FigureCalculator {
    /** Weeks before the digest's week that "active in the last 28 days" and "regulars" look at. */
    public static final int WEEKS_BEFORE = 4;
    public static final int TOP_IMPACT_ROWS = 10;
    public static final int REGULAR_MIN_WEEKS = 3;
    public static final Duration UNANSWERED_AFTER = Duration.ofHours(24);
    /** The chart shows the week's most frequent types; the rest are summed as "other". */
    public static final int CHART_TYPES = 4;
    public static final String OTHER = "other";

    /** What counts as a response for time to first response: the same types the scorer records on THREAD items. */
    public static final Set<String> RESPONSE_TYPES = Set.of(
            "comment", "reply_given", "review_comment", "pr_reviewed", "message_posted");

    private FigureCalculator() {
    }

    /**
     * @param window   activity items from the start of {@code week.minusWeeks(4)} to the end of {@code week}
     * @param threads  THREAD items of the threads the week's activity refers to, by thread id
     * @param profiles profiles of thread authors and responders, by identity, already resolved to the person
     */
    public static DigestFigures compute(IsoWeek week, Instant asOf, Collection<Activity> window,
                                        Map<String, ThreadInfo> threads, Map<String, Profile> profiles) {
        return compute(week, asOf, ResponseDebt.DEFAULT_TARGET, window, threads, profiles);
    }

    /** With the default scoring config's high-impact threshold. */
    public static DigestFigures compute(IsoWeek week, Instant asOf, Duration responseTarget, Collection<Activity> window,
                                        Map<String, ThreadInfo> threads, Map<String, Profile> profiles) {
        return compute(week, asOf, responseTarget, ScoringConfig.defaults().highImpactThreshold(), window, threads, profiles);
    }

    /**
     * @param responseTarget the response debt's target (first-timers' threads waiting longer are listed)
     * @param window         activity items from the start of {@code week.minusWeeks(4)} to the end of
     *                       {@code week}; for the bus factor, from {@link BusFactor#firstDay} of the week's end
     *                       (90 days); the other figures ignore what lies before their own window
     * @param threads        THREAD items of the week's threads and of the first-timers' threads of the 28 days
     */
    public static DigestFigures compute(IsoWeek week, Instant asOf, Duration responseTarget, BigDecimal highImpactAbove,
                                        Collection<Activity> window, Map<String, ThreadInfo> threads,
                                        Map<String, Profile> profiles) {
        List<Activity> people = window.stream().filter(a -> !a.isBot() && a.person() != null).toList();
        List<Activity> thisWeek = people.stream().filter(a -> week.contains(a.ts())).toList();
        List<Activity> actions = thisWeek.stream().filter(Activity::isAction).toList();

        Set<String> active = persons(actions);
        IsoWeek weekBefore = week.minusWeeks(1);
        Set<String> activeBefore = persons(people.stream()
                .filter(a -> a.isAction() && weekBefore.contains(a.ts())).toList());
        Instant last28Start = week.end().minus(Duration.ofDays(28));
        Set<String> active28 = persons(people.stream()
                .filter(a -> a.isAction() && !a.ts().isBefore(last28Start) && a.ts().isBefore(week.end())).toList());

        Map<String, String> newcomers = new TreeMap<>();
        for (Activity a : actions) {
            if (a.first()) {
                newcomers.put(a.person(), a.displayName());
            }
        }
        List<String> newNames = newcomers.values().stream().distinct()
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();

        var responses = responseTimes(week, asOf, people, threads, profiles);

        return new DigestFigures(
                week, asOf,
                active.size(), activeBefore.size(), active28.size(),
                newNames, active.size() - newcomers.size(),
                count(actions, "pr_opened"), count(actions, "pr_merged"), count(actions, "pr_closed"),
                responses.opened, responses.times.size(),
                percentile(responses.times, 50), percentile(responses.times, 90),
                responses.unanswered,
                count(actions, "docs_edited"),
                actions.size(),
                topByImpact(actions),
                promotions(thisWeek),
                highImpact(actions, highImpactAbove),
                quietRegulars(week, people, active),
                days(week),
                chartTypes(actions),
                daily(week, actions),
                ResponseDebt.compute(week.end(), asOf, responseTarget, people, threads, profiles),
                BusFactor.compute(people, week.end(), person -> personOf(person, profiles)),
                highImpactAbove);
    }

    private static Set<String> persons(List<Activity> items) {
        return items.stream().map(Activity::person).collect(Collectors.toSet());
    }

    private static int count(List<Activity> actions, String type) {
        return (int) actions.stream().filter(a -> type.equals(a.type())).count();
    }

    private record Responses(int opened, List<Duration> times, List<OpenThread> unanswered) {
    }

    /**
     * Time to first response over threads opened in the week by a person (not a bot): the first
     * response ({@link #RESPONSE_TYPES}) on the thread by someone else who is not a bot, at or before {@code asOf}. Taken from
     * the THREAD item's first response, or from the week's activity if that one was the author's own
     * or a bot's.
     */
    private static Responses responseTimes(IsoWeek week, Instant asOf, List<Activity> people,
                                           Map<String, ThreadInfo> threads, Map<String, Profile> profiles) {
        Map<String, List<Activity>> byThread = people.stream()
                .filter(a -> a.thread() != null && RESPONSE_TYPES.contains(a.type()))
                .collect(Collectors.groupingBy(Activity::thread));
        List<Duration> times = new ArrayList<>();
        List<OpenThread> unanswered = new ArrayList<>();
        int opened = 0;
        for (ThreadInfo t : threads.values()) {
            if (t.openedAt() == null || !week.contains(t.openedAt()) || isBot(t.author(), t.authorLogin(), profiles)) {
                continue;
            }
            opened++;
            String author = personOf(t.author(), profiles);
            Instant first = null;
            if (t.firstResponseAt() != null && t.firstResponder() != null
                    && !personOf(t.firstResponder(), profiles).equals(author)
                    && !isBot(t.firstResponder(), null, profiles)
                    && !t.firstResponseAt().isBefore(t.openedAt()) && !t.firstResponseAt().isAfter(asOf)) {
                first = t.firstResponseAt();
            }
            for (Activity a : byThread.getOrDefault(t.thread(), List.of())) {
                if (!a.person().equals(author) && !a.ts().isBefore(t.openedAt()) && !a.ts().isAfter(asOf)
                        && (first == null || a.ts().isBefore(first))) {
                    first = a.ts();
                }
            }
            if (first != null) {
                times.add(Duration.between(t.openedAt(), first));
            } else if (!t.openedAt().plus(UNANSWERED_AFTER).isAfter(asOf)) {
                unanswered.add(new OpenThread(t.thread(), t.repo(), t.url(),
                        t.authorLogin() != null ? t.authorLogin() : t.author(), t.openedAt()));
            }
        }
        unanswered.sort(Comparator.comparing(OpenThread::openedAt));
        return new Responses(opened, times, unanswered);
    }

    public static String personOf(String identity, Map<String, Profile> profiles) {
        if (identity == null) {
            return "";
        }
        Profile p = profiles.get(identity);
        return p != null && p.id() != null ? p.id() : identity;
    }

    public static boolean isBot(String identity, String login, Map<String, Profile> profiles) {
        Profile p = identity == null ? null : profiles.get(identity);
        return (p != null && p.isBot()) || Bots.isBotLogin(login);
    }

    /**
     * Median: the middle value, or the mean of the two middle values. p90: nearest rank, the
     * ceil(0.9 n)-th smallest value. Empty when there is no value.
     */
    public static Optional<Duration> percentile(List<Duration> values, int p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (p == 50) {
            return Optional.of(n % 2 == 1 ? sorted.get(n / 2)
                    : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }

    private static List<ImpactRow> topByImpact(List<Activity> actions) {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, String> logins = new HashMap<>();
        Map<String, String> platforms = new HashMap<>();
        for (Activity a : actions) {
            double[] s = sums.computeIfAbsent(a.person(), k -> new double[2]);
            s[0] += a.impact();
            s[1]++;
            logins.putIfAbsent(a.person(), a.displayName());
            if (a.platform() != null) {
                platforms.putIfAbsent(a.person(), a.platform());
            }
        }
        List<ImpactRow> rows = sums.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0)
                .map(e -> new ImpactRow(e.getKey(), logins.get(e.getKey()), round(e.getValue()[0]), (int) e.getValue()[1]))
                .sorted(Comparator.comparingDouble(ImpactRow::impact).reversed()
                        .thenComparing(ImpactRow::login, String.CASE_INSENSITIVE_ORDER))
                .limit(TOP_IMPACT_ROWS)
                .toList();
        return distinctNames(rows, platforms);
    }

    /**
     * Two people with one login (a GitHub ada and a Discord ada) would read as one person twice: such rows
     * say their platform, {@code ada (github)}, or their id when the platform does not tell them apart.
     */
    private static List<ImpactRow> distinctNames(List<ImpactRow> rows, Map<String, String> platforms) {
        Map<String, Long> byLogin = rows.stream().collect(Collectors.groupingBy(r -> key(r.login()), Collectors.counting()));
        Map<String, Long> byLoginAndPlatform = rows.stream()
                .collect(Collectors.groupingBy(r -> key(r.login()) + "\n" + platforms.get(r.person()), Collectors.counting()));
        return rows.stream().map(r -> {
            if (byLogin.get(key(r.login())) == 1) {
                return r;
            }
            String platform = platforms.get(r.person());
            String tell = platform != null && byLoginAndPlatform.get(key(r.login()) + "\n" + platform) == 1 ? platform : r.person();
            return new ImpactRow(r.person(), r.login() + " (" + tell + ")", r.impact(), r.actions());
        }).toList();
    }

    private static String key(String login) {
        return login == null ? "" : login.toLowerCase(java.util.Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static List<TierPromotion> promotions(List<Activity> thisWeek) {
        return thisWeek.stream()
                .filter(a -> Activity.TIER_CHANGED.equals(a.type()) && a.toTier() != null)
                .filter(a -> rank(a.toTier()) > rank(a.fromTier()))
                .sorted(Comparator.comparing(Activity::ts))
                .map(a -> new TierPromotion(a.person(), a.displayName(), a.fromTier(), a.toTier(), a.ts()))
                .toList();
    }

    /** Position in {@link TableKeys#TIERS} (User to Core Team); an unknown tier counts as above all, none as below. */
    private static int rank(String tier) {
        if (tier == null || tier.isBlank()) {
            return -1;
        }
        for (int i = 0; i < TableKeys.TIERS.size(); i++) {
            if (TableKeys.TIERS.get(i).equalsIgnoreCase(tier.replace('_', ' '))) {
                return i;
            }
        }
        return TableKeys.TIERS.size();
    }

    /** Above the scorer's own threshold (its config's {@code high_impact_threshold}), so the digest lists what it published. */
    private static List<HighImpactAction> highImpact(List<Activity> actions, BigDecimal above) {
        return actions.stream().filter(a -> BigDecimal.valueOf(a.impact()).compareTo(above) > 0)
                .sorted(Comparator.comparingDouble(Activity::impact).reversed().thenComparing(Activity::ts))
                .map(a -> new HighImpactAction(a.displayName(), a.type(), a.repo(), a.url(), a.impact(), a.ts()))
                .toList();
    }

    /** Active in at least 3 of the 4 weeks before the digest's week, but not in it. */
    private static List<QuietRegular> quietRegulars(IsoWeek week, List<Activity> people, Set<String> activeNow) {
        Map<String, Set<Integer>> weeksActive = new HashMap<>();
        Map<String, Activity> last = new HashMap<>();
        for (Activity a : people) {
            if (!a.isAction() || activeNow.contains(a.person())) {
                continue;
            }
            for (int back = 1; back <= WEEKS_BEFORE; back++) {
                if (week.minusWeeks(back).contains(a.ts())) {
                    weeksActive.computeIfAbsent(a.person(), k -> new HashSet<>()).add(back);
                    last.merge(a.person(), a, (x, y) -> x.ts().isAfter(y.ts()) ? x : y);
                }
            }
        }
        return weeksActive.entrySet().stream()
                .filter(e -> e.getValue().size() >= REGULAR_MIN_WEEKS)
                .map(e -> {
                    Activity latest = last.get(e.getKey());
                    return new QuietRegular(e.getKey(), latest.displayName(), e.getValue().size(),
                            latest.ts().atZone(ZoneOffset.UTC).toLocalDate());
                })
                .sorted(Comparator.comparing(QuietRegular::lastSeen).reversed()
                        .thenComparing(QuietRegular::login, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private static List<LocalDate> days(IsoWeek week) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(week.monday().plusDays(i));
        }
        return days;
    }

    private static List<String> chartTypes(List<Activity> actions) {
        Map<String, Long> counts = actions.stream().collect(Collectors.groupingBy(Activity::type, Collectors.counting()));
        List<String> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(CHART_TYPES).map(Map.Entry::getKey).collect(Collectors.toCollection(ArrayList::new));
        if (counts.size() > CHART_TYPES) {
            top.add(OTHER);
        }
        return List.copyOf(top);
    }

    private static Map<String, int[]> daily(IsoWeek week, List<Activity> actions) {
        List<String> types = chartTypes(actions);
        Map<String, int[]> series = new LinkedHashMap<>();
        types.forEach(t -> series.put(t, new int[7]));
        for (Activity a : actions) {
            int day = (int) (a.ts().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - week.monday().toEpochDay());
            String key = series.containsKey(a.type()) ? a.type() : OTHER;
            series.get(key)[day]++;
        }
        return series;
    }
}
