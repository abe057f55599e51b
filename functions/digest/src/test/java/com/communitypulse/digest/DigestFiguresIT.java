package com.communitypulse.digest;

import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.shared.figures.FigureText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.DigestFigures.HighImpactAction;
import com.communitypulse.shared.figures.DigestFigures.ImpactRow;
import com.communitypulse.shared.figures.DigestFigures.OpenThread;
import com.communitypulse.shared.figures.DigestFigures.QuietRegular;
import com.communitypulse.shared.figures.DigestFigures.TierPromotion;
import com.communitypulse.testkit.ContributorTable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The figures of {@link HandWeek}, read back from DynamoDB Local, against the hand count. */
class DigestFiguresIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static DigestFigures figures;

    @BeforeAll
    static void seed() {
        var env = DigestEnv.of(TABLE, Map.of());
        HandWeek.seed(TABLE.client(), TABLE.name());
        var service = DigestHandler.service(env, TABLE.client(), null, java.time.Clock.systemUTC());
        figures = service.figures(HandWeek.WEEK, HandWeek.AS_OF);
    }

    @Test
    void activeContributorsCountPeopleNotBotsWithinTheUtcWeek() {
        // alice bob carol dave gina hank; dave's Sunday 23:59:59Z counts, erin (Sun before) and frank (Mon 00:00) do not
        assertEquals(6, figures.activeContributors());
        assertEquals(5, figures.activeContributorsWeekBefore());
        assertEquals(1, figures.activeChange());
        assertEquals(9, figures.activeLast28Days());
    }

    @Test
    void newContributorsAreThoseWhoseFirstActionEverIsInTheWeek() {
        assertEquals(List.of("carol", "dave"), figures.newContributors());
        assertEquals(4, figures.returningContributors());
    }

    @Test
    void pullRequestsSplitMergedFromClosedUnmergedAndLeaveBotsOut() {
        assertEquals(2, figures.prsOpened());
        assertEquals(2, figures.prsMerged());
        assertEquals(1, figures.prsClosedUnmerged());
        assertEquals(2.0 / 3, figures.acceptanceRate().getAsDouble(), 1e-9);
        assertEquals("67%", FigureText.acceptance(figures));
    }

    @Test
    void timeToFirstResponseIgnoresAuthorsOwnLinkedIdentityAndBots() {
        assertEquals(6, figures.threadsOpened());
        assertEquals(4, figures.threadsAnswered());
        assertEquals(Optional.of(Duration.ofHours(3)), figures.medianTimeToFirstResponse());
        assertEquals(Optional.of(Duration.ofHours(8)), figures.p90TimeToFirstResponse());
        assertEquals(List.of("T3"), figures.unansweredAfter24h().stream().map(OpenThread::thread).toList());
    }

    @Test
    void docsEditsTotalsAndDailyChartCountPeopleOnly() {
        assertEquals(1, figures.docsEdits());
        assertEquals(16, figures.totalActions());
        int[] totals = DigestRenderer.dailyTotals(figures);
        // Mon: a1 b1; Tue: a2 a3 g1; Wed: b2 c1; Thu: b3 b5 h1 h2; Fri: a4 b4 h3; Sat: g2; Sun: d1
        assertEquals("[2, 3, 2, 4, 3, 1, 1]", Arrays.toString(totals));
    }

    @Test
    void topByImpactSumsTheWeeksImpactPerPerson() {
        assertEquals(List.of(
                new ImpactRow(HandWeek.ALICE, "alice", 1.3, 4),
                new ImpactRow(HandWeek.GINA, "gina", 1.0, 2),
                new ImpactRow(HandWeek.BOB, "bob", 0.7, 5),
                new ImpactRow(HandWeek.HANK, "hank", 0.5, 3),
                new ImpactRow(HandWeek.CAROL, "carol", 0.3, 1),
                new ImpactRow(HandWeek.DAVE, "dave", 0.1, 1)), figures.topByImpact());
    }

    @Test
    void highImpactIsStrictlyAbovePointEightAndPromotionsGoUp() {
        assertEquals(List.of("gina"), figures.highImpactActions().stream().map(HighImpactAction::login).toList());
        assertEquals(List.of("gina Contributor Maintainer"), figures.tierPromotions().stream()
                .map((TierPromotion p) -> p.login() + " " + p.fromTier() + " " + p.toTier()).toList());
    }

    @Test
    void regularsWhoWentQuietWereActiveInThreeOfTheFourWeeksBefore() {
        List<QuietRegular> quiet = figures.quietRegulars();
        assertEquals(1, quiet.size());
        assertEquals("ivan", quiet.get(0).login());
        assertEquals(3, quiet.get(0).activeWeeksOfLast4());
        assertEquals(java.time.LocalDate.parse("2026-11-10"), quiet.get(0).lastSeen());
        assertFalse(figures.quietWeek());
    }

    @Test
    void anEmptyWeekIsAQuietWeekWithNoRates() {
        var env = DigestEnv.of(TABLE, Map.of());
        var service = DigestHandler.service(env, TABLE.client(), null, java.time.Clock.systemUTC());
        DigestFigures empty = service.figures(IsoWeek.parse("2026-W30"), HandWeek.AS_OF);
        assertTrue(empty.quietWeek());
        assertEquals(0, empty.activeContributors());
        assertTrue(empty.acceptanceRate().isEmpty());
        assertEquals("n/a", FigureText.acceptance(empty));
        assertTrue(empty.medianTimeToFirstResponse().isEmpty());
    }
}
