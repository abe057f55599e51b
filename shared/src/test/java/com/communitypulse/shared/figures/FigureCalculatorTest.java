package com.communitypulse.shared.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Edge cases of the calculation itself, without storage. */
class FigureCalculatorTest {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");

    private static Activity at(String person, String ts, boolean first) {
        return new Activity("id-" + person + ts, person, person, "user", "github", "comment", "o/r", 0.1,
                Instant.parse(ts), first, null, null, null, null);
    }

    @Test
    void theWeekIsMondayZeroInclusiveToNextMondayZeroExclusiveEvenIfAnItemIsHandedIn() {
        DigestFigures f = FigureCalculator.compute(WEEK, AS_OF, List.of(
                at("github:1", "2026-11-16T00:00:00Z", true),   // Monday 00:00: in
                at("github:2", "2026-11-22T23:59:59Z", true),   // Sunday 23:59:59: in
                at("github:3", "2026-11-23T00:00:00Z", true),   // next Monday 00:00: out
                at("github:4", "2026-11-15T23:59:59Z", true)),  // Sunday before: out (the week before)
                Map.of(), Map.of());
        assertEquals(2, f.activeContributors());
        assertEquals(List.of("github:1", "github:2"), f.newContributors());
        assertEquals(1, f.activeContributorsWeekBefore());
    }

    @Test
    void anAdminChangeToSomeonesDataDoesNotMakeThemActive() {
        Activity crm = new Activity("crm-1", "github:5", "five", "user", "github", "crm_id_set", null, 0,
                Instant.parse("2026-11-18T10:00:00Z"), false, null, null, null, null);
        DigestFigures f = FigureCalculator.compute(WEEK, AS_OF, List.of(at("github:1", "2026-11-16T10:00:00Z", true), crm),
                Map.of(), Map.of());
        assertEquals(1, f.activeContributors());
        assertEquals(List.of("github:1"), f.newContributors());
    }

    @Test
    void medianAveragesTheMiddlePairAndP90TakesTheNearestRank() {
        List<Duration> minutes = List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100).stream()
                .map(m -> Duration.ofMinutes(m)).toList();
        assertEquals(Optional.of(Duration.ofMinutes(55)), FigureCalculator.percentile(minutes, 50));
        assertEquals(Optional.of(Duration.ofMinutes(90)), FigureCalculator.percentile(minutes, 90));
        assertEquals(Optional.of(Duration.ofMinutes(7)), FigureCalculator.percentile(List.of(Duration.ofMinutes(7)), 90));
        assertEquals(Optional.of(Duration.ofMinutes(20)),
                FigureCalculator.percentile(List.of(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(20)), 50));
        assertEquals(Optional.empty(), FigureCalculator.percentile(List.of(), 50));
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("45s", FigureText.duration(Duration.ofSeconds(45)));
        assertEquals("12m", FigureText.duration(Duration.ofMinutes(12)));
        assertEquals("3h 20m", FigureText.duration(Duration.ofMinutes(200)));
        assertEquals("2d 4h", FigureText.duration(Duration.ofHours(52)));
    }
}
