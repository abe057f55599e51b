package com.communitypulse.score.domain;

import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.score.domain.Profile.TierStep;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The monthly tier review's pure decisions (docs/scoring.md, Tier hysteresis): whether a person goes one
 * tier down for the month just ended, and the {@link Plan} of that demotion. No I/O, so a demotion is
 * re-planned from a fresh profile when the profile changed meanwhile.
 */
public final class DemotionPlanner {
    /** A person's scored points at a time. */
    public record Point(Instant ts, BigDecimal impact) {
    }

    /** One tier down, and the transaction that makes it so. */
    public record Demotion(Tier from, Tier to, Plan plan) {
    }

    private final ScoringConfig config;
    private final Duration retention;

    public DemotionPlanner(ScoringConfig config, Duration retention) {
        this.config = config;
        this.retention = retention;
    }

    /**
     * The demotion of {@code person} at the review of {@code month}, or empty when they keep their tier: not a
     * tiered person, points at or above {@code threshold} in some window, listed in the config at or above the
     * tier, or not holding the tier since before the month began.
     *
     * @param points scored points by the person named on the activity items (an identity linked later included)
     */
    public Optional<Demotion> plan(Profile person, YearMonth month, BigDecimal threshold, Map<String, List<Point>> points) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant reviewAt = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String personId = person.id();
        Tier tier = Tier.fromLabel(person.tier());
        if (!person.exists() || person.isLink() || tier == null || tier == Tier.USER) {
            return Optional.empty();
        }
        // activity items written before a link name the linked identity as their person: count those too
        List<Point> all = new ArrayList<>(points.getOrDefault(personId, List.of()));
        person.identities().stream().filter(i -> !i.equals(personId))
                .forEach(i -> all.addAll(points.getOrDefault(i, List.of())));
        BigDecimal best = bestWindow(all, start, reviewAt, Duration.ofDays(config.demotion().windowDays()));
        if (best.compareTo(threshold) >= 0) {
            return Optional.empty();
        }
        Tier floor = listedTier(person);
        if (floor != null && floor.ordinal() >= tier.ordinal()) {
            return Optional.empty();
        }
        if (!heldSince(person, tier, start)) {
            return Optional.empty();
        }
        Tier to = Tier.values()[tier.ordinal() - 1];
        String reason = String.format(Locale.ROOT,
                "demotion: at most %s points in any %d days of %s, below %s's %s (config %s)",
                best.stripTrailingZeros().toPlainString(), config.demotion().windowDays(), month, tier.label(),
                threshold.stripTrailingZeros().toPlainString(), config.version());
        return Optional.of(new Demotion(tier, to, demotionPlan(person, month, reviewAt, tier, to, reason)));
    }

    /**
     * A {@code tier_changed} activity item keyed by the review (so a re-run of the month demotes nobody twice),
     * the profile's new tier and history step guarded by its version, and the day on the person's WEEK# item.
     */
    private Plan demotionPlan(Profile person, YearMonth month, Instant reviewAt, Tier tier, Tier to, String reason) {
        String personId = person.id();
        String at = reviewAt.toString();
        String actionId = "review-" + month + "-" + personId;
        List<TierStep> history = new ArrayList<>(person.tierHistory());
        history.add(new TierStep(to.label(), at, reason));
        List<BusEvent> events = List.of(ActionPlanner.tierEvent(personId, person.login(), tier, to, at, reason));
        Put activity = ActionPlanner.tierActivity(reviewAt, actionId, personId, personId, person.login(),
                person.platform(), tier, to, reason, reviewAt.plus(retention).getEpochSecond());
        Map<String, Object> item = new LinkedHashMap<>(activity.item());
        PendingEvents.attach(item, events);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put(ProfileItem.VERSION, person.version() + 1);
        set.put(ProfileItem.TIER, to.label());
        set.put(ProfileItem.TIER_HISTORY, history);
        String day = reviewAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
        // the review's day goes on the person's WEEK# item, as every action's does, so erasure finds this item
        Update week = new Update(TableKeys.person(personId), TableKeys.weekSortKey(TableKeys.isoWeek(reviewAt)),
                Guard.NONE, Map.of(PeriodItem.EXPIRES_AT, reviewAt.plus(retention).getEpochSecond()), Map.of(PeriodItem.ID, personId),
                Map.of(), Map.of(PeriodItem.DAYS, Set.of(day)));
        List<Write> writes = List.of(new Put(activity.pk(), activity.sk(), item, Guard.ABSENT),
                new Update(TableKeys.person(personId), TableKeys.PROFILE, ActionPlanner.versionGuard(person), set,
                        Map.of(), Map.of(), Map.of()), week);
        return new Plan(writes, day, activity.sk(), BigDecimal.ZERO, events, "demoted");
    }

    /**
     * The most points the person had in any trailing window {@code (t - window, t]} with t in [start, end):
     * the sum only rises at an action, so t = start and each action time in the month are enough.
     */
    public static BigDecimal bestWindow(List<Point> points, Instant start, Instant end, Duration window) {
        List<Instant> moments = new ArrayList<>();
        moments.add(start);
        for (Point p : points) {
            if (!p.ts().isBefore(start) && p.ts().isBefore(end)) {
                moments.add(p.ts());
            }
        }
        BigDecimal best = BigDecimal.ZERO;
        for (Instant t : moments) {
            Instant from = t.minus(window);
            BigDecimal sum = BigDecimal.ZERO;
            for (Point p : points) {
                if (p.ts().isAfter(from) && !p.ts().isAfter(t)) {
                    sum = sum.add(p.impact());
                }
            }
            best = best.max(sum);
        }
        return best;
    }

    /** The person has held {@code tier} since before {@code start}: the latest step into it is earlier. */
    private static boolean heldSince(Profile person, Tier tier, Instant start) {
        for (int i = person.tierHistory().size() - 1; i >= 0; i--) {
            TierStep step = person.tierHistory().get(i);
            if (!step.tier().equals(tier.label())) {
                return false;
            }
            // an equal tier earlier in the list is an older step into the same tier: keep looking back
            if (i == 0 || !person.tierHistory().get(i - 1).tier().equals(tier.label())) {
                return Instant.parse(step.at()).isBefore(start);
            }
        }
        return false;
    }

    /** The highest tier the config lists the person in (by identity or {@code platform:@login}), or null. */
    private Tier listedTier(Profile person) {
        if (listed(config.coreTeam(), person)) {
            return Tier.CORE_TEAM;
        }
        return listed(config.maintainers(), person) ? Tier.MAINTAINER : null;
    }

    private static boolean listed(Set<String> list, Profile person) {
        for (String entry : list) {
            if (person.identities().contains(entry) || entry.equals(person.id())) {
                return true;
            }
            int colon = entry.indexOf(':');
            if (colon > 0 && entry.startsWith("@", colon + 1)) {
                String key = entry.substring(0, colon) + "#" + entry.substring(colon + 2).toLowerCase(Locale.ROOT);
                if (person.logins().contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }
}
