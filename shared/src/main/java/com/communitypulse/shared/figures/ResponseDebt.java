package com.communitypulse.shared.figures;

import com.communitypulse.shared.model.ActionTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Response debt: first-timers' issues, PRs, discussions and forum topics opened in the
 * {@link #LOOKBACK 28 days} before the week's end that still wait for a human reply past the target, and
 * the human-only time to first response on first-timers' threads. Pure: no I/O, no clock.
 *
 * <p>A thread is a <b>first-timer's</b> when its opening action ({@link #OPENS}) carries {@code first=true}:
 * the author's first action ever was opening it. (GitHub's {@code author_association}
 * {@code FIRST_TIME_CONTRIBUTOR}/{@code FIRST_TIMER} is not recorded on activity or THREAD items, so it is
 * not used here.)
 *
 * <p>A <b>response</b> is a comment, reply, review comment, review or message
 * ({@link FigureCalculator#RESPONSE_TYPES}) on the thread, at or after its opening and at or before the
 * digest was made, by a person who is neither a bot nor the author (any of the author's linked identities
 * is the author). It comes from the window's activity or from the THREAD item's first response.
 * A thread closed, merged or with an accepted answer ({@link #SETTLES}) waits for nothing and is not listed.
 */
public final class ResponseDebt {
    public static final Duration LOOKBACK = Duration.ofDays(28);
    public static final Duration DEFAULT_TARGET = Duration.ofHours(24);

    /** Types that open a thread (as the scorer's THREAD items are opened). */
    public static final Set<String> OPENS = Set.of(ActionTypes.PR_OPENED, ActionTypes.ISSUE_OPENED,
            ActionTypes.DISCUSSION_OPENED, ActionTypes.TOPIC_CREATED);
    /** Types after which a thread waits for nothing, whoever did them. */
    public static final Set<String> SETTLES = Set.of(ActionTypes.ISSUE_CLOSED, ActionTypes.PR_MERGED,
            ActionTypes.PR_CLOSED, ActionTypes.ANSWER_ACCEPTED);

    private ResponseDebt() {
    }

    /** A first-timer's thread past the target with no human reply. {@code repo} is the repository or category. */
    public record Waiting(String repo, String thread, String type, String url, String authorLogin, Instant openedAt,
                          Duration waited) {
    }

    /** One repository's or category's first-timer threads: how many, how many answered, how fast, who waits. */
    public record RepoDebt(String repo, int firstTimerThreads, int answered, Optional<Duration> medianFirstResponse,
                           List<Waiting> waiting) {
    }

    /**
     * @param target    the response target ({@code RESPONSE_TARGET_HOURS})
     * @param threads   first-timer threads opened in the 28 days
     * @param answered  of those, answered by a human by the time the digest was made
     * @param waiting   all repositories' waiting threads, oldest first
     * @param byRepo    per repository or category, the one with the oldest waiting thread first
     */
    public record Figures(Duration target, int threads, int answered, Optional<Duration> medianFirstResponse,
                          Optional<Duration> p90FirstResponse, List<Waiting> waiting, List<RepoDebt> byRepo) {
        public static Figures none(Duration target) {
            return new Figures(target, 0, 0, Optional.empty(), Optional.empty(), List.of(), List.of());
        }
    }

    /** The opening actions of first-timers' threads opened in {@code [windowEnd - 28 days, windowEnd)}, earliest per thread. */
    public static Map<String, Activity> firstTimerOpenings(Collection<Activity> window, Instant windowEnd) {
        Instant start = windowEnd.minus(LOOKBACK);
        Map<String, Activity> opening = new TreeMap<>();
        for (Activity a : window) {
            if (a.thread() != null && OPENS.contains(a.type()) && !a.isBot() && a.person() != null
                    && !a.ts().isBefore(start) && a.ts().isBefore(windowEnd)) {
                opening.merge(a.thread(), a, (x, y) -> x.ts().isAfter(y.ts()) ? y : x);
            }
        }
        opening.values().removeIf(a -> !a.first());
        return opening;
    }

    /** The persons whose profiles decide who is whom on these threads (authors and would-be responders). */
    public static Set<String> personsToResolve(Collection<Activity> window, Set<String> threadIds) {
        Set<String> persons = new LinkedHashSet<>();
        for (Activity a : window) {
            if (a.thread() != null && threadIds.contains(a.thread()) && a.person() != null && !a.isBot()
                    && (OPENS.contains(a.type()) || FigureCalculator.RESPONSE_TYPES.contains(a.type()))) {
                persons.add(a.person());
            }
        }
        return persons;
    }

    /**
     * @param window   activity items covering at least the 28 days before {@code windowEnd}
     * @param threads  THREAD items by id (the first-timers' threads among them; missing ones are fine)
     * @param profiles profiles by identity or person, resolved to the person (linked identities included)
     */
    public static Figures compute(Instant windowEnd, Instant asOf, Duration target, Collection<Activity> window,
                                  Map<String, ThreadInfo> threads, Map<String, Profile> profiles) {
        Map<String, Activity> openings = firstTimerOpenings(window, windowEnd);
        Map<String, List<Activity>> onThread = new HashMap<>();
        for (Activity a : window) {
            if (a.thread() != null && openings.containsKey(a.thread())) {
                onThread.computeIfAbsent(a.thread(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Duration>> timesByRepo = new TreeMap<>();
        Map<String, Integer> threadsByRepo = new TreeMap<>();
        Map<String, List<Waiting>> waitingByRepo = new TreeMap<>();
        List<Duration> allTimes = new ArrayList<>();
        List<Waiting> allWaiting = new ArrayList<>();
        for (Activity open : openings.values()) {
            String repo = BusFactor.group(open);
            threadsByRepo.merge(repo, 1, Integer::sum);
            List<Activity> actions = onThread.getOrDefault(open.thread(), List.of());
            Optional<Instant> first = firstHumanResponse(open, actions, threads.get(open.thread()), asOf, profiles);
            if (first.isPresent()) {
                Duration time = Duration.between(open.ts(), first.get());
                allTimes.add(time);
                timesByRepo.computeIfAbsent(repo, k -> new ArrayList<>()).add(time);
                continue;
            }
            boolean settled = actions.stream().anyMatch(a -> SETTLES.contains(a.type()) && !a.ts().isAfter(asOf));
            if (settled || open.ts().plus(target).isAfter(asOf)) {
                continue;
            }
            ThreadInfo t = threads.get(open.thread());
            String url = open.url() != null ? open.url() : t != null ? t.url() : null;
            Waiting w = new Waiting(repo, open.thread(), open.type(), url, open.displayName(), open.ts(),
                    Duration.between(open.ts(), asOf));
            allWaiting.add(w);
            waitingByRepo.computeIfAbsent(repo, k -> new ArrayList<>()).add(w);
        }
        Comparator<Waiting> oldestFirst = Comparator.comparing(Waiting::openedAt).thenComparing(Waiting::thread);
        allWaiting.sort(oldestFirst);
        List<RepoDebt> byRepo = new ArrayList<>();
        threadsByRepo.forEach((repo, n) -> {
            List<Duration> times = timesByRepo.getOrDefault(repo, List.of());
            List<Waiting> waiting = new ArrayList<>(waitingByRepo.getOrDefault(repo, List.of()));
            waiting.sort(oldestFirst);
            byRepo.add(new RepoDebt(repo, n, times.size(), FigureCalculator.percentile(times, 50), List.copyOf(waiting)));
        });
        // the longest-owed first: repositories by their oldest waiting thread, then those with none, by name
        byRepo.sort(Comparator.comparing((RepoDebt r) -> r.waiting().isEmpty() ? Instant.MAX : r.waiting().get(0).openedAt())
                .thenComparing(RepoDebt::repo));
        return new Figures(target, openings.size(), allTimes.size(), FigureCalculator.percentile(allTimes, 50),
                FigureCalculator.percentile(allTimes, 90), List.copyOf(allWaiting), List.copyOf(byRepo));
    }

    /** The earliest response by a human other than the author, from the activity or the THREAD item. */
    private static Optional<Instant> firstHumanResponse(Activity open, List<Activity> actions, ThreadInfo thread,
                                                        Instant asOf, Map<String, Profile> profiles) {
        String author = FigureCalculator.personOf(open.person(), profiles);
        Instant first = null;
        for (Activity a : actions) {
            if (FigureCalculator.RESPONSE_TYPES.contains(a.type()) && !a.isBot() && a.person() != null
                    && !FigureCalculator.isBot(a.person(), null, profiles)
                    && !FigureCalculator.personOf(a.person(), profiles).equals(author)
                    && !a.ts().isBefore(open.ts()) && !a.ts().isAfter(asOf)
                    && (first == null || a.ts().isBefore(first))) {
                first = a.ts();
            }
        }
        if (thread != null && thread.firstResponseAt() != null && thread.firstResponder() != null
                && !FigureCalculator.isBot(thread.firstResponder(), null, profiles)
                && !FigureCalculator.personOf(thread.firstResponder(), profiles).equals(author)
                && !(thread.author() != null && thread.author().equals(thread.firstResponder()))
                && !thread.firstResponseAt().isBefore(open.ts()) && !thread.firstResponseAt().isAfter(asOf)
                && (first == null || thread.firstResponseAt().isBefore(first))) {
            first = thread.firstResponseAt();
        }
        return Optional.ofNullable(first);
    }
}
