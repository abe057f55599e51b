package com.communitypulse.score.store;

import com.communitypulse.score.domain.DemotionPlanner.Point;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the monthly tier review reads besides profiles, and the decayed all-time score it writes. Never a Scan. */
public interface TierReviewStore {
    /** Every person on the all-time board and their tier (bots are never on it). */
    Map<String, Tier> boardPeople();

    /** Scored points (impact above 0) per person named on the activity items from {@code from} to {@code end}. */
    Map<String, List<Point>> points(Instant from, Instant end);

    /**
     * Sets the person's all-time {@code lb_score} while their profile is still at {@code version}.
     *
     * @return false when the profile changed meanwhile (an action scored and set its own decayed total)
     */
    boolean setAllTimeScore(String person, BigDecimal score, long version);
}
