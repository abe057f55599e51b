package com.communitypulse.score.store;

import com.communitypulse.score.domain.OwnPeriod;
import com.communitypulse.score.domain.PeriodTotals;
import com.communitypulse.score.domain.Plan;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.events.BusEvent;
import java.util.List;
import java.util.Optional;

/** Contributor state: reads before a transaction, one transaction per action, and the publish flag. */
public interface ContributorStore {
    /** The {@code PROFILE} item of an identity or person (strongly consistent), or {@link Profile#absent}. */
    Profile profile(String identityOrPerson);

    /** The person's WEEK# or MONTH# item ({@code sk}), strongly consistent. */
    PeriodTotals period(String person, String sk);

    /**
     * The identity's {@code OWN} item (its own profile while it is linked or has linked identities: docs/admin.md,
     * Unlinking), or {@link Profile#absent} when it has none.
     */
    Profile own(String identity);

    /** A linked identity's {@code OWN#} period parts, every one (as many as the weeks and months it was linked). */
    List<OwnPeriod> ownPeriods(String identity);

    /** The identity a {@code platform}/{@code login} was last seen with, if ever. */
    Optional<String> identityForLogin(String platform, String login);

    /**
     * Writes one action's plan in one transaction.
     *
     * @throws AlreadyRecorded when the action's guard or activity item exists (a copy): nothing changed
     * @throws Contention      when a profile changed since it was read: re-read and plan again
     */
    void record(Plan plan);

    /** Marks the activity item's events as published (removes the stored copy). */
    void markPublished(String day, String sortKey);

    /**
     * The action was recorded before; {@code pending} holds its events not yet confirmed published, and
     * {@code day}/{@code sortKey} name its activity item (the first copy's, which a re-timed copy's plan does not).
     */
    final class AlreadyRecorded extends RuntimeException {
        private final List<BusEvent> pending;
        private final String day;
        private final String sortKey;

        public AlreadyRecorded(List<BusEvent> pending, String day, String sortKey) {
            super("action already recorded", null, false, false);
            this.pending = List.copyOf(pending);
            this.day = day;
            this.sortKey = sortKey;
        }

        public List<BusEvent> pending() {
            return pending;
        }

        public String day() {
            return day;
        }

        public String sortKey() {
            return sortKey;
        }
    }

    /** A profile changed between read and write (optimistic concurrency): plan again. */
    final class Contention extends RuntimeException {
        public Contention(String why) {
            super(why, null, false, false);
        }
    }
}
