package com.communitypulse.shared.figures;

import com.communitypulse.shared.model.ActionTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Bus factor per repository: the CHAOSS Contributor Absence Factor, "the smallest number of people who
 * make 50% of contributions", over the {@link #WINDOW 90 days} ending at {@code end}, and which of those
 * core people went quiet. Pure (no I/O, no clock, no email): the digest and the read API share it.
 *
 * <p><b>Input</b>: activity items ({@link Activity}, the scorer's {@code DAY#} items, see
 * {@link com.communitypulse.shared.store.TableKeys}) covering the {@code DAY#} partitions from
 * {@link #firstDay(Instant)} to {@link #lastDay(Instant)} (read them with
 * {@link DigestStore#activity(LocalDate, LocalDate)}: one Query per day, at most 91 Queries). Items outside
 * {@code [end - 90 days, end)} are ignored, so a caller may hand in more. Each item needs {@code person},
 * {@code type}, {@code ts} and {@code kind}/{@code login} (bot check); {@code repo} groups them (an item with
 * none is grouped under its {@code platform}, e.g. a Discord channel-less message).
 *
 * <p><b>Contribution</b>: one activity item by a person (not a bot: {@code kind=bot} or a {@code [bot]}
 * login) whose type is in {@link #CONTRIBUTION_TYPES}: authoring or reviewing code, opening, answering,
 * closing and accepting in issues, discussions and forums, docs edits and releases. Not counted: stars,
 * forks, joins, reactions and kudos (attention, not work), tier changes and identity links (the system's
 * records, not actions). A person is the scorer's {@code person} (all linked identities together), mapped
 * through {@code personOf} when one is given (the digest maps the identities whose profiles it read).
 *
 * <p><b>Factor</b>: people sorted by contributions (most first; ties by person id, ascending, so the
 * answer is the same every run), taken until their sum is at least half the repository's total. Those
 * people are the <i>core</i>. A core person is <i>quiet</i> when their last contribution to the repository is
 * {@link #QUIET_AFTER 14 days} or more before {@code end}.
 */
public final class BusFactor {
    public static final Duration WINDOW = Duration.ofDays(90);
    public static final Duration QUIET_AFTER = Duration.ofDays(14);

    /** The action types that count as a contribution (see the class comment for why the others do not). */
    public static final Set<String> CONTRIBUTION_TYPES = Set.of(
            ActionTypes.PR_OPENED, ActionTypes.PR_MERGED, ActionTypes.PR_CLOSED, ActionTypes.PR_REVIEWED,
            ActionTypes.REVIEW_COMMENT, ActionTypes.ISSUE_OPENED, ActionTypes.ISSUE_CLOSED, ActionTypes.COMMENT,
            ActionTypes.DISCUSSION_OPENED, ActionTypes.REPLY_GIVEN, ActionTypes.ANSWER_ACCEPTED,
            ActionTypes.TOPIC_CREATED, ActionTypes.DOCS_EDITED, ActionTypes.RELEASE_PUBLISHED,
            ActionTypes.MESSAGE_POSTED);

    private BusFactor() {
    }

    /** A core person of a repository: their contributions in the window and how long they have been quiet. */
    public record Core(String person, String login, int contributions, Instant lastContribution, long daysQuiet,
                       boolean quiet) {
    }

    /**
     * One repository's figure. {@code factor} is the number of core people; {@code contributions} and
     * {@code contributors} are the repository's totals in the window; {@code core} is most active first.
     */
    public record RepoFactor(String repo, int factor, int contributions, int contributors, List<Core> core) {
        /** CHAOSS's warning sign: one person makes half the contributions. */
        public boolean singlePerson() {
            return factor == 1;
        }

        public List<Core> quietCore() {
            return core.stream().filter(Core::quiet).toList();
        }

        public boolean flagged() {
            return singlePerson() || !quietCore().isEmpty();
        }
    }

    /** The first {@code DAY#} partition the window touches. */
    public static LocalDate firstDay(Instant end) {
        return end.minus(WINDOW).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The last {@code DAY#} partition the window touches ({@code end} itself is excluded). */
    public static LocalDate lastDay(Instant end) {
        return end.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Whether an item is a contribution (a person's, of a counted type). */
    public static boolean isContribution(Activity a) {
        return a.person() != null && a.ts() != null && !a.isBot() && CONTRIBUTION_TYPES.contains(a.type());
    }

    /**
     * Every repository with at least one contribution in {@code [end - 90 days, end)}: flagged ones first,
     * then by factor (smallest first), contributions (most first) and name.
     */
    public static List<RepoFactor> compute(Collection<Activity> items, Instant end) {
        return compute(items, end, UnaryOperator.identity());
    }

    /**
     * As {@link #compute(Collection, Instant)}, with {@code personOf} mapping an item's {@code person} to the
     * person it now belongs to (an identity linked after it acted still names itself on its older items).
     */
    public static List<RepoFactor> compute(Collection<Activity> items, Instant end, UnaryOperator<String> personOf) {
        Instant start = end.minus(WINDOW);
        Map<String, Map<String, Tally>> byRepo = new HashMap<>();
        for (Activity a : items) {
            if (!isContribution(a) || a.ts().isBefore(start) || !a.ts().isBefore(end)) {
                continue;
            }
            byRepo.computeIfAbsent(group(a), k -> new HashMap<>())
                    .computeIfAbsent(personOf.apply(a.person()), k -> new Tally()).add(a);
        }
        List<RepoFactor> result = new ArrayList<>();
        byRepo.forEach((repo, people) -> result.add(factor(repo, people, end)));
        result.sort(Comparator.comparing((RepoFactor r) -> !r.flagged())
                .thenComparingInt(RepoFactor::factor)
                .thenComparing(Comparator.comparingInt(RepoFactor::contributions).reversed())
                .thenComparing(RepoFactor::repo));
        return List.copyOf(result);
    }

    /** One repository's figure, for the read API; empty when it had no contribution in the window. */
    public static Optional<RepoFactor> forRepo(Collection<Activity> items, Instant end, String repo) {
        return compute(items.stream().filter(a -> repo.equals(group(a))).toList(), end).stream().findFirst();
    }

    /** The repository an item belongs to: its {@code repo}, or its platform when it has none. */
    public static String group(Activity a) {
        if (a.repo() != null && !a.repo().isBlank()) {
            return a.repo();
        }
        return a.platform() != null ? a.platform() : "unknown";
    }

    private static RepoFactor factor(String repo, Map<String, Tally> people, Instant end) {
        List<Map.Entry<String, Tally>> ranked = people.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Tally> e) -> e.getValue().count).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        int total = ranked.stream().mapToInt(e -> e.getValue().count).sum();
        List<Core> core = new ArrayList<>();
        int sum = 0;
        for (var e : ranked) {
            if (2L * sum >= total) {
                break;
            }
            Tally t = e.getValue();
            sum += t.count;
            Duration quiet = Duration.between(t.last, end);
            core.add(new Core(e.getKey(), t.login, t.count, t.last, quiet.toDays(), quiet.compareTo(QUIET_AFTER) >= 0));
        }
        return new RepoFactor(repo, core.size(), total, ranked.size(), List.copyOf(core));
    }

    /** A person's contributions to one repository: the count, the latest one and the login it carried. */
    private static final class Tally {
        int count;
        Instant last;
        String login;

        void add(Activity a) {
            count++;
            if (last == null || a.ts().isAfter(last)) {
                last = a.ts();
                login = a.displayName();
            }
        }
    }
}
