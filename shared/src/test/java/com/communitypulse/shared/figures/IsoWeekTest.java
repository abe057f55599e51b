package com.communitypulse.shared.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoWeekTest {
    @Test
    void theScheduledMondayRunCoversTheWeekJustEnded() {
        IsoWeek week = IsoWeek.endedBefore(Instant.parse("2026-11-23T09:00:00Z"));
        assertEquals("2026-W47", week.id());
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), week.start());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), week.end());
        // a trigger exactly at Monday 00:00 still means the week that just ended
        assertEquals("2026-W47", IsoWeek.endedBefore(Instant.parse("2026-11-23T00:00:00Z")).id());
        // a late trigger on Sunday means the week before, never the one still running
        assertEquals("2026-W46", IsoWeek.endedBefore(Instant.parse("2026-11-22T23:59:59Z")).id());
    }

    @Test
    void boundariesAreUtcMondayInclusiveToMondayExclusive() {
        IsoWeek week = IsoWeek.parse("2026-W47");
        assertTrue(week.contains(Instant.parse("2026-11-16T00:00:00Z")));
        assertTrue(week.contains(Instant.parse("2026-11-22T23:59:59Z")));
        assertFalse(week.contains(Instant.parse("2026-11-23T00:00:00Z")));
        assertFalse(week.contains(Instant.parse("2026-11-15T23:59:59Z")));
    }

    @Test
    void idsMatchTheScorersWeekKeysAcrossYearEnds() {
        for (String day : List.of("2026-12-28", "2027-01-03", "2020-12-31", "2021-01-01", "2026-11-22")) {
            Instant noon = LocalDate.parse(day).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
            IsoWeek week = IsoWeek.of(LocalDate.parse(day));
            assertEquals(TableKeys.isoWeek(noon), week.id(), day);
            assertEquals(week, IsoWeek.parse(week.id()));
            assertEquals(Duration.ofDays(7), Duration.between(week.start(), week.end()));
        }
        assertEquals(LocalDate.parse("2020-12-28"), IsoWeek.parse("2020-W53").monday());
        assertEquals(LocalDate.parse("2026-12-28"), IsoWeek.parse("2026-W53").monday());
    }

    @Test
    void badWeeksAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2026-47")).getMessage()
                .contains("2026-W47"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2027-W53")).getMessage()
                .contains("52 ISO weeks"));
        assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2026-W00"));
        assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse(null));
    }
}
