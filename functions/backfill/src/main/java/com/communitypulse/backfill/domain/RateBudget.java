package com.communitypulse.backfill.domain;

import java.time.Instant;

/**
 * The share of GitHub's rate limit the backfill may spend, so live welcomes and the delivery reconciler keep
 * their headroom. When a rate-limit window is first seen (a new {@code X-RateLimit-Reset}), the backfill may
 * spend {@code floor(share x X-RateLimit-Remaining)} of what is left in it; the rest is a floor it never goes
 * below. Whatever else spends the same token lowers {@code remaining} too, so the backfill stops sooner, never
 * later. A conditional request answered 304 costs nothing (GitHub does not count it).
 */
public final class RateBudget {
    private final double share;
    private Integer remaining;
    private Integer floor;
    private Instant reset;

    /**
     * @param share     0..1, the part of the window's remaining requests the backfill may use
     * @param floor     the floor kept from an earlier invocation in the same window, or null
     * @param reset     that window's {@code X-RateLimit-Reset}, or null
     * @param remaining the last {@code X-RateLimit-Remaining} seen, or null
     */
    public RateBudget(double share, Integer floor, Instant reset, Integer remaining) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("BACKFILL_RATE_SHARE must be above 0 and at most 1, got " + share);
        }
        this.share = share;
        this.floor = floor;
        this.reset = reset;
        this.remaining = remaining;
    }

    /** What GitHub said about the limit on an answer; a new window sets a new floor. */
    public void observe(int remainingNow, Instant resetAt) {
        if (resetAt != null && (reset == null || resetAt.isAfter(reset))) {
            reset = resetAt;
            floor = floorFor(remainingNow, share);
        } else if (floor == null) {
            floor = floorFor(remainingNow, share);
        }
        remaining = remainingNow;
    }

    /** The requests this window leaves to others: remaining minus the backfill's share of it. */
    static int floorFor(int remaining, double share) {
        return remaining - (int) Math.floor(remaining * share);
    }

    /** True when one more (counted) request keeps the backfill within its share; unknown limits allow one. */
    public boolean allowsRequest(Instant now) {
        if (remaining == null || floor == null) {
            return true;
        }
        if (reset != null && !now.isBefore(reset)) {
            return true; // the window is over: the next answer opens a new one
        }
        return remaining > floor;
    }

    /** How many more counted requests this window allows (0 when spent). */
    public int left() {
        return remaining == null || floor == null ? 0 : Math.max(0, remaining - floor);
    }

    public Integer remaining() {
        return remaining;
    }

    public Integer floor() {
        return floor;
    }

    public Instant reset() {
        return reset;
    }
}
