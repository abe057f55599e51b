package com.communitypulse.normalise.domain;

/**
 * A delivery the webhook accepted but that a rule cannot map (a required field is missing or
 * has the wrong shape). It is a bug or a platform change, never retried: the normaliser logs
 * it, counts it and acknowledges the delivery.
 */
final class Unmappable extends Exception {
    Unmappable(String message) {
        super(message, null, false, false);
    }
}
