package com.communitypulse.digest.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The once-per-week record of the digest: a send claims the week, then marks it sent, or releases the claim
 * when sending failed, so the retry can claim it again. A claim is a lease: one held by an invocation that
 * died mid-send runs out, and the week can be claimed again.
 */
public interface DigestLedgerStore {
    String SENDING = "sending";
    String SENT = "sent";

    /** A claim held by this invocation; {@code previous} is the record it replaced (a forced re-send), if any. */
    record Claim(String week, String claimId, Optional<Map<String, AttributeValue>> previous) {
    }

    /** Why a week was not claimed. */
    enum Refusal { ALREADY_SENT, IN_PROGRESS }

    sealed interface Outcome permits Claimed, Refused {
    }

    record Claimed(Claim claim) implements Outcome {
    }

    record Refused(Refusal reason, Map<String, AttributeValue> record) implements Outcome {
    }

    /**
     * Claims the week. Without {@code force} only a week with no record (or an expired claim) is
     * claimed; with it a sent week is claimed again too. A live claim by another sender is never taken.
     * The claim is held until {@code leaseUntil}.
     */
    Outcome claim(String week, Instant now, Instant leaseUntil, boolean force);

    /** Marks the claimed week sent. Fails if the claim was lost (another sender took an expired lease). */
    void markSent(Claim claim, String messageId, Instant at, int recipients);

    /**
     * Gives the claim back after a failed send: restores the record a forced re-send replaced, or
     * deletes the claim, so the retry finds the week as it was.
     */
    void release(Claim claim);

    /** The week's record as stored, if any. */
    Optional<Map<String, AttributeValue>> record(String week);
}
