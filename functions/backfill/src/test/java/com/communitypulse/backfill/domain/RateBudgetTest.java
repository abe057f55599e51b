package com.communitypulse.backfill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The backfill spends at most its share of what a rate-limit window had left when it first saw it. */
class RateBudgetTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant RESET = NOW.plusSeconds(3600);

    @Test
    void halfOfWhatIsLeftThenStop() {
        RateBudget budget = new RateBudget(0.5, null, null, null);
        assertTrue(budget.allowsRequest(NOW), "unknown: one request to learn");
        budget.observe(101, RESET);
        assertEquals(51, budget.floor(), "101 - floor(50.5)");
        int spent = 0;
        for (int remaining = 101; budget.allowsRequest(NOW); remaining--) {
            spent++;
            budget.observe(remaining - 1, RESET);
        }
        assertEquals(50, spent);
        assertEquals(0, budget.left());
    }

    @Test
    void othersSpendingTheSameTokenStopItSooner() {
        RateBudget budget = new RateBudget(0.5, null, null, null);
        budget.observe(1000, RESET);
        budget.observe(520, RESET); // the welcome function spent 480 meanwhile
        assertEquals(20, budget.left());
    }

    @Test
    void aNewWindowSetsANewFloorAndALaterInvocationKeepsTheOld() {
        RateBudget later = new RateBudget(0.5, 2500, RESET, 2600);
        later.observe(2590, RESET);
        assertEquals(2500, later.floor(), "the same window: the floor first set");
        assertTrue(later.allowsRequest(NOW));
        later.observe(2500, RESET);
        assertFalse(later.allowsRequest(NOW));
        assertTrue(later.allowsRequest(RESET), "the window is over");
        later.observe(5000, RESET.plusSeconds(3600));
        assertEquals(2500, later.floor());
        assertEquals(2500, later.left());
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateBudget(0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RateBudget(1.5, null, null, null));
        assertEquals(0, RateBudget.floorFor(10, 1.0));
    }
}
