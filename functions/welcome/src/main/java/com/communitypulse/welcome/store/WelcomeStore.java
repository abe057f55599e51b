package com.communitypulse.welcome.store;

import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import java.time.Instant;
import java.util.List;

/**
 * What the welcome service keeps: who is behind an identity, and the claim items that make a greeting
 * happen once. A greeting is claimed before the platform call, then recorded as {@code sent},
 * {@code failed} or {@code dry_run}, or released when the call must be retried. Every transition is
 * conditioned on the claim id of the invocation that took it, so two deliveries never both post.
 */
public interface WelcomeStore {
    String CLAIMED = "claimed";
    String SENT = "sent";
    String FAILED = "failed";
    String DRY_RUN = "dry_run";

    /** One claim item: a platform's welcome record, a person's welcome claim, or a milestone's celebration. */
    record Key(String pk, String sk) {
        /** {@code WELCOME#{platform}#{identity}} / {@code WELCOME}: the per-platform record (operators read it). */
        public static Key welcome(String platform, String identity) {
            return new Key(TableKeys.welcome(platform, identity), TableKeys.WELCOME);
        }

        /** {@code WELCOME#PERSON#{person}} / {@code WELCOME}: the per-person claim. */
        public static Key person(String person) {
            return new Key(TableKeys.welcomePerson(person), TableKeys.WELCOME);
        }

        /** {@code CELEBRATE#{milestone}#{person}} / {@code CELEBRATE}: a milestone celebrated once per person. */
        public static Key celebration(String milestone, String person) {
            return new Key(TableKeys.celebration(milestone, person), TableKeys.CELEBRATE);
        }
    }

    /**
     * The outcome of a claim: ours, or what already held the item.
     *
     * @param existingPk         the pk of the item that stopped the claim; null when ours or unknown
     * @param existingStatus     that item's status, {@code unknown} when it has none
     * @param existingLeaseUntil until when that claim is held; null when not a claim or written before leases
     */
    record Claim(boolean ours, String existingPk, String existingStatus, Instant existingLeaseUntil) {
        static final Claim OURS = new Claim(true, null, null, null);
    }

    /** Who is behind {@code identity}; {@code eventPerson} (the scorer's word in the event, may be null) when the table has nothing yet. */
    Person person(String identity, String eventPerson);

    /**
     * Claims a welcome in one step: the platform record, the person's claim, and a check that none of the
     * person's other identities was welcomed (or is being welcomed). Held until {@code leaseUntil}: after
     * it, the invocation that took it is over, so another may take it over.
     */
    Claim claimWelcome(FirstContribution c, String person, List<String> otherIdentities, String claimId, Instant now,
                       Instant leaseUntil);

    /** Claims the celebration of a milestone for a person. */
    Claim claimCelebration(String milestone, FirstContribution c, String person, String claimId, Instant now,
                           Instant leaseUntil);

    /** Our claim on {@code key} becomes {@code sent}, with what the platform answered; false if it is no longer ours. */
    boolean recordSent(Key key, String claimId, Instant sentAt, String responseId, String responseUrl, String note);

    /** Our claim on {@code key} becomes {@code failed}: the platform refused for good; false if it is no longer ours. */
    boolean recordFailed(Key key, String claimId, Instant failedAt, String reason, int httpStatus);

    /** Our claim on {@code key} becomes {@code dry_run}, with the requests a post would have sent; false if no longer ours. */
    boolean recordDryRun(Key key, String claimId, Instant recordedAt, String why, List<OutboundRequest> requests);

    /** Gives our claim on {@code key} back so a retry can claim again; a no-op if it is no longer ours. */
    void release(Key key, String claimId);

    /** Sets {@code welcomed_at} on the person's profile (keeping the first value), only if the profile exists. */
    boolean markWelcomed(String person, Instant now);
}
