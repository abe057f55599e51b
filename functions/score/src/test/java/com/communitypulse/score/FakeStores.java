package com.communitypulse.score;

import com.communitypulse.score.domain.DemotionPlanner.Point;
import com.communitypulse.score.domain.PeriodTotals;
import com.communitypulse.score.domain.Plan;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.store.ContributorStore;
import com.communitypulse.score.store.TierReviewStore;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores without DynamoDB for the jobs' unit tests: nobody known yet, every plan written, nothing on the board. */
final class FakeStores {
    private FakeStores() {
    }

    /** Records the plans it is given; {@code alreadyRecorded} makes every write find the action recorded before. */
    static final class Contributors implements ContributorStore {
        final List<Plan> recorded = new ArrayList<>();
        boolean alreadyRecorded;

        @Override
        public Profile profile(String identityOrPerson) {
            return Profile.absent(identityOrPerson);
        }

        @Override
        public PeriodTotals period(String person, String sk) {
            return PeriodTotals.NONE;
        }

        @Override
        public Profile own(String identity) {
            return Profile.absent(identity);
        }

        @Override
        public List<com.communitypulse.score.domain.OwnPeriod> ownPeriods(String identity) {
            return List.of();
        }

        @Override
        public Optional<String> identityForLogin(String platform, String login) {
            return Optional.empty();
        }

        @Override
        public void record(Plan plan) {
            if (alreadyRecorded) {
                throw new AlreadyRecorded(List.of(), plan.day(), plan.sortKey());
            }
            recorded.add(plan);
        }

        @Override
        public void markPublished(String day, String sortKey) {
        }
    }

    static final class EmptyBoard implements TierReviewStore {
        @Override
        public Map<String, Tier> boardPeople() {
            return Map.of();
        }

        @Override
        public Map<String, List<Point>> points(Instant from, Instant end) {
            return Map.of();
        }

        @Override
        public boolean setAllTimeScore(String person, BigDecimal score, long version) {
            return false;
        }
    }
}
