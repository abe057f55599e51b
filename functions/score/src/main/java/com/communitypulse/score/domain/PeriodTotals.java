package com.communitypulse.score.domain;

import java.math.BigDecimal;
import java.util.Set;

/** A person's WEEK# or MONTH# item as read before a link: its score and days (empty when absent). */
public record PeriodTotals(BigDecimal score, Set<String> days) {
    public static final PeriodTotals NONE = new PeriodTotals(BigDecimal.ZERO, Set.of());
}
