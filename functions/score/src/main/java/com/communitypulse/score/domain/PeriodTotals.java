package com.communitypulse.score.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A person's WEEK# or MONTH# item as read before a link or an unlink: its score and days (empty when absent), and the
 * tier and TTL it was last written with (null when absent).
 */
public record PeriodTotals(BigDecimal score, Set<String> days, String tier, Long expiresAt) {
    public static final PeriodTotals NONE = new PeriodTotals(BigDecimal.ZERO, Set.of());

    public PeriodTotals(BigDecimal score, Set<String> days) {
        this(score, days, null, null);
    }

    /** True when the item exists with something in it. */
    public boolean present() {
        return score.signum() != 0 || !days.isEmpty();
    }
}
