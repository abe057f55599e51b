package com.communitypulse.shared.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import com.communitypulse.shared.figures.BusFactor.RepoFactor;
import org.junit.jupiter.api.Test;

/** The edges of the bus factor's definition, without storage. */
class BusFactorTest {
    private static final Instant END = Instant.parse("2026-11-23T00:00:00Z");

    private static Activity act(String person, String type, String repo, Instant ts) {
        return new Activity("id-" + person + ts, person, person, "user", person.substring(0, person.indexOf(':')), type, repo, 0.1, ts, false,
                null, null, null, null);
    }

    private static List<Activity> times(int n, String person, String repo, Instant ts) {
        List<Activity> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(act(person, "comment", repo, ts.minusSeconds(i)));
        }
        return items;
    }

    @Test
    void theWindowIsNinetyDaysStartInclusiveEndExclusive() {
        List<Activity> items = new ArrayList<>();
        items.add(act("github:1", "comment", "o/r", END.minus(BusFactor.WINDOW)));            // in
        items.add(act("github:1", "comment", "o/r", END.minus(BusFactor.WINDOW).minusSeconds(1))); // out
        items.add(act("github:2", "comment", "o/r", END));                                     // out
        items.add(act("github:3", "comment", "o/r", END.minusSeconds(1)));                     // in
        RepoFactor r = BusFactor.compute(items, END).get(0);
        assertEquals(2, r.contributions());
        assertEquals(2, r.contributors());
        assertEquals(LocalDate.parse("2026-08-25"), BusFactor.firstDay(END));
        assertEquals(LocalDate.parse("2026-11-22"), BusFactor.lastDay(END));
    }

    @Test
    void exactlyHalfIsEnoughAndFourteenDaysQuietIsFlagged() {
        List<Activity> items = new ArrayList<>();
        items.addAll(times(3, "github:9", "o/r", END.minus(Duration.ofDays(14))));
        items.addAll(times(2, "github:2", "o/r", END.minusSeconds(60)));
        items.addAll(times(1, "github:3", "o/r", END.minusSeconds(60)));
        RepoFactor r = BusFactor.compute(items, END).get(0);
        // 3 of 6 is half: one person
        assertEquals(1, r.factor());
        assertEquals(14, r.core().get(0).daysQuiet());
        assertTrue(r.core().get(0).quiet());
    }

    @Test
    void tiesAreBrokenByPersonIdSoTheAnswerIsStable() {
        List<Activity> items = new ArrayList<>();
        items.addAll(times(5, "github:b", "o/r", END.minusSeconds(60)));
        items.addAll(times(5, "github:a", "o/r", END.minusSeconds(60)));
        items.addAll(times(5, "github:c", "o/r", END.minusSeconds(60)));
        RepoFactor r = BusFactor.compute(items, END).get(0);
        // 5 of 15 is short of half, 10 is over: two people, a then b
        assertEquals(2, r.factor());
        assertEquals(List.of("github:a", "github:b"), r.core().stream().map(BusFactor.Core::person).toList());
        assertFalse(r.flagged());
    }

    @Test
    void itemsWithoutARepoAreGroupedByPlatformAndFlaggedOnesComeFirst() {
        List<Activity> items = new ArrayList<>();
        items.addAll(times(4, "github:1", "big/healthy", END.minusSeconds(60)));
        items.addAll(times(4, "github:2", "big/healthy", END.minusSeconds(60)));
        items.addAll(times(4, "github:3", "big/healthy", END.minusSeconds(60)));
        items.addAll(times(1, "discord:1", null, END.minusSeconds(60)));
        List<String> order = BusFactor.compute(items, END).stream().map(RepoFactor::repo).toList();
        assertEquals(List.of("discord", "big/healthy"), order);
    }
}
