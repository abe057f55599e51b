package com.communitypulse.reconcile.store;

import com.communitypulse.reconcile.domain.Hook;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the reconciler knows about each hook's deliveries: the webhook function's claims (read only), its own
 * redelivery markers, a checkpoint per hook, and the week's ingest counts the digest reads. Every count is
 * written together with the item that makes it happen once (checkpoint, marker).
 */
public interface ReconcileStore {
    /** What the table knows about a delivery: our webhook's claim and the reconciler's own marker. */
    record Known(Claim claim, Marker marker) {
        static final Known NOTHING = new Known(null, null);
    }

    /** @param claimedAt epoch seconds; {@code expiresAt} epoch seconds (TTL) */
    record Claim(String state, long claimedAt, long expiresAt) {
        /** The webhook function's finished claim state and its "abandoned" delay (DynamoDbDeliveryClaimStore there). */
        private static final String DONE = "done";
        private static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

        /** The delivery reached the webhook function and was (or is being) put on the bus: nothing to redeliver. */
        public boolean reachedUs(Instant now) {
            if (expiresAt > 0 && expiresAt < now.getEpochSecond()) {
                return false; // expired, not yet removed: the webhook function would take the claim again
            }
            return DONE.equals(state) || claimedAt >= now.minus(ABANDONED_AFTER).getEpochSecond();
        }

        /** Pending and recent: an invocation is publishing it right now. */
        public boolean inProgress(Instant now) {
            return !DONE.equals(state) && claimedAt >= now.minus(ABANDONED_AFTER).getEpochSecond();
        }
    }

    /** @param requestedAt the last redelivery request, null if none */
    record Marker(int attempts, String outcome, String week, Instant requestedAt) {
    }

    /** Per week: deliveries seen for the first time and how many of them GitHub recorded as failed. */
    record WeekCounts(int seen, int failed) {
    }

    /** Claims and markers for the hook's GUIDs, by GUID. */
    Map<String, Known> known(String hookId, Collection<String> guids);

    /** The hook's checkpoint: the newest delivery counted, if any. */
    Optional<Instant> mark(Hook hook);

    /**
     * Adds the newly seen deliveries to their weeks and moves the hook's mark from {@code oldMark} to
     * {@code newMark}, together or not at all.
     *
     * @return false when the mark had moved meanwhile (another run counted them): nothing written
     */
    boolean recordSeen(Hook hook, Optional<Instant> oldMark, Instant newMark, Map<String, WeekCounts> weeks,
                       boolean incomplete, Instant now);

    /** GitHub accepted a redelivery request: one more attempt on the marker, one more request in the week. */
    void requested(String hookId, String guid, String week, Instant now);

    /**
     * Settles a delivery once: {@code recovered} (it reached us after our redelivery) or {@code lost}.
     *
     * @return false when it was already settled
     */
    boolean settle(String hookId, String guid, String week, String outcome, Instant now);
}
