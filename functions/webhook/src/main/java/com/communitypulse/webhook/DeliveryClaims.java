package com.communitypulse.webhook;

import java.time.Instant;

/** Remembers which deliveries were accepted, so a retry or replay is published once. */
public interface DeliveryClaims {

    /**
     * Claims a delivery.
     *
     * @return true when this call claimed it, false when it was claimed before (a duplicate)
     * @throws RuntimeException when the store cannot be reached (the caller answers 503)
     */
    boolean claim(String platform, String key, String deliveryId, Instant now);

    /** Gives a claim back after publishing failed, so the platform's retry is accepted. */
    void release(String platform, String key);
}
