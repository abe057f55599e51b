package com.communitypulse.webhook.store;

import java.time.Instant;

/**
 * Remembers which deliveries were accepted, so a retry or replay is published once. A claim is
 * {@code pending} while its delivery is being published and {@code done} once it is on the bus;
 * a pending claim left behind by an invocation that died is taken over after a while, so a crash
 * between claiming and publishing never loses the platform's retry.
 */
public interface DeliveryClaimStore {

    enum Outcome {
        /** This call claimed it: publish, then {@link #confirm} (or {@link #release} on failure). */
        CLAIMED,
        /** Published before: answer as a duplicate. */
        DUPLICATE,
        /** Another invocation is publishing it right now: ask the platform to retry later. */
        IN_PROGRESS
    }

    /**
     * Claims a delivery.
     *
     * @throws RuntimeException when the store cannot be reached (the caller answers 503)
     */
    Outcome claim(String platform, String key, String deliveryId, Instant now);

    /** Marks a claimed delivery as published. */
    void confirm(String platform, String key, Instant now);

    /** Gives a claim back after publishing failed, so the platform's retry is accepted. */
    void release(String platform, String key);
}
