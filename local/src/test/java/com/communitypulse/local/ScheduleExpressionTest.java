package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final ZonedDateTime START = ZonedDateTime.parse("2026-11-23T00:00:00Z");

    @Test
    void weeklyDigestCronFiresOnMondayAtNineUtcOnly() {
        ScheduleExpression weekly = ScheduleExpression.parse("cron(0 9 ? * MON *)");
        assertTrue(weekly.firesAt(ZonedDateTime.parse("2026-11-23T09:00:00Z"), START)); // a Monday
        assertFalse(weekly.firesAt(ZonedDateTime.parse("2026-11-23T09:01:00Z"), START));
        assertFalse(weekly.firesAt(ZonedDateTime.parse("2026-11-24T09:00:00Z"), START));
        assertTrue(weekly.firesAt(ZonedDateTime.parse("2026-11-30T09:00:00Z"), START));
    }

    @Test
    void rangesListsStepsAndRates() {
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(0/15 8-10 ? * MON-FRI *)");
        assertTrue(weekdays.firesAt(ZonedDateTime.parse("2026-11-27T10:45:00Z"), START)); // Friday
        assertFalse(weekdays.firesAt(ZonedDateTime.parse("2026-11-28T10:45:00Z"), START)); // Saturday
        assertFalse(weekdays.firesAt(ZonedDateTime.parse("2026-11-27T10:50:00Z"), START));
        ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)");
        assertTrue(rate.firesAt(START.plusMinutes(10), START));
        assertFalse(rate.firesAt(START.plusMinutes(11), START));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("every monday"));
    }
}
