package com.communitypulse.score;

import com.communitypulse.score.domain.DemotionPlanner;
import com.communitypulse.score.domain.DemotionPlanner.Demotion;
import com.communitypulse.score.domain.DemotionPlanner.Point;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.store.ContributorStore;
import com.communitypulse.score.store.TierReviewStore;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly tier review (tier hysteresis): promotions happen at once when an action earns them; a
 * demotion happens only here, once a month, for the calendar month just ended, and only for a person who
 * held their tier since before that month began and whose points in every trailing
 * {@code demotion.window_days} window ending within the month stayed below their tier's
 * {@code demotion.min_points} (so a dip that recovers within the month never demotes). One tier down per
 * review. Each demotion is one transaction: a {@code tier_changed} activity item keyed by the review
 * ({@code {month after}T00:00:00Z#review-{month}-{person}.tier}, so a re-run of the same month demotes
 * nobody twice) with the profile's new tier and {@code tier_history} step, guarded by the profile's version;
 * then {@code contributor.tier_changed} is published (stored on the item until confirmed, as for actions).
 *
 * <p>The decisions are {@link DemotionPlanner}'s; the reads and the decay refresh {@link TierReviewStore}'s.
 * Reads, never a Scan: the people on the all-time board (a Query on the {@code leaderboard} index,
 * {@code LB#ALL}: every person, never bots) and, when demotion is on, one Query per {@code DAY#} partition
 * from {@code window_days} before the month to its last day. With decay on it also refreshes each person's
 * all-time {@code lb_score} to the decayed total as of the new month.
 */
public final class TierReview {
    private static final Logger LOG = LoggerFactory.getLogger(TierReview.class);
    private static final int ATTEMPTS = 5;

    /** What one review did. */
    public record Result(YearMonth month, int people, int demoted, int alreadyReviewed, int rescored) {
    }

    private final ContributorStore store;
    private final TierReviewStore history;
    private final EventPublisher publisher;
    private final ScoringConfig config;
    private final DemotionPlanner planner;

    public TierReview(ContributorStore store, TierReviewStore history, EventPublisher publisher, ScoringConfig config,
                      Duration retention) {
        this.store = store;
        this.history = history;
        this.publisher = publisher;
        this.config = config;
        this.planner = new DemotionPlanner(config, retention);
    }

    /** Reviews {@code month} (the calendar month just ended, UTC). */
    public Result review(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Tier> people = history.boardPeople();
        int demoted = 0;
        int already = 0;
        ScoringConfig.Demotion demotion = config.demotion();
        if (demotion.enabled()) {
            Map<String, List<Point>> points = null;
            for (Map.Entry<String, Tier> person : people.entrySet()) {
                BigDecimal threshold = demotion.threshold(person.getValue());
                if (threshold == null) {
                    continue;
                }
                if (points == null) {
                    points = history.points(start.minus(Duration.ofDays(demotion.windowDays())), end);
                }
                BigDecimal best = DemotionPlanner.bestWindow(points.getOrDefault(person.getKey(), List.of()), start, end,
                        Duration.ofDays(demotion.windowDays()));
                if (best.compareTo(threshold) >= 0) {
                    continue;
                }
                switch (demote(person.getKey(), month, threshold, points)) {
                    case DEMOTED -> demoted++;
                    case ALREADY -> already++;
                    default -> { }
                }
            }
        }
        int rescored = config.decay().enabled() ? refreshDecay(people.keySet(), month.plusMonths(1)) : 0;
        LOG.info("tier review {} (config {}): {} people, {} demoted, {} already reviewed, {} re-ranked with decay",
                month, config.version(), people.size(), demoted, already, rescored);
        return new Result(month, people.size(), demoted, already, rescored);
    }

    private enum Outcome { DEMOTED, ALREADY, KEPT }

    /** Plans from a fresh profile and writes; a profile changed meanwhile is read and planned again. */
    private Outcome demote(String personId, YearMonth month, BigDecimal threshold, Map<String, List<Point>> points) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Demotion> planned = planner.plan(store.profile(personId), month, threshold, points);
            if (planned.isEmpty()) {
                return Outcome.KEPT;
            }
            Demotion demotion = planned.get();
            try {
                store.record(demotion.plan());
            } catch (ContributorStore.AlreadyRecorded recorded) {
                if (!recorded.pending().isEmpty()) {
                    publisher.publish(recorded.pending());
                    store.markPublished(recorded.day(), recorded.sortKey());
                }
                return Outcome.ALREADY;
            } catch (ContributorStore.Contention contention) {
                continue;
            }
            publisher.publish(demotion.plan().events());
            store.markPublished(demotion.plan().day(), demotion.plan().sortKey());
            LOG.info("demoted {} from {} to {} for {}", personId, demotion.from().label(), demotion.to().label(), month);
            return Outcome.DEMOTED;
        }
        throw new IllegalStateException("profile " + personId + " kept changing during the tier review; retry it");
    }

    /** Sets each person's all-time {@code lb_score} to the decayed total as of {@code asOf}. */
    private int refreshDecay(Set<String> people, YearMonth asOf) {
        int n = 0;
        for (String id : people) {
            Profile p = store.profile(id);
            if (!p.exists() || p.isLink()) {
                continue;
            }
            BigDecimal decayed = ScoreBreakdown.decayedTotal(p.score(), p.tallies(), config.decay(), asOf);
            if (history.setAllTimeScore(id, decayed, p.version())) {
                n++;
            }
        }
        return n;
    }
}
