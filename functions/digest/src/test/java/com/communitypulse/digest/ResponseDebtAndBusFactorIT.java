package com.communitypulse.digest;

import com.communitypulse.digest.domain.DigestContent;
import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.shared.figures.FigureText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.figures.BusFactor.Core;
import com.communitypulse.shared.figures.BusFactor.RepoFactor;
import com.communitypulse.shared.figures.ResponseDebt.RepoDebt;
import com.communitypulse.shared.figures.ResponseDebt.Waiting;
import com.communitypulse.testkit.ContributorTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Response debt and bus factor of a hand-made community, read back from DynamoDB Local through the digest's
 * own reads. Week 2026-W47 ends Mon 23 Nov 00:00Z; the digest is made at 09:00Z; target 24 h (the default).
 *
 * <pre>
 * Response debt (first-timers' threads opened 26 Oct 00:00Z .. 23 Nov 00:00Z):
 *   R1 octo/debt  issue   newbie1 Sun 22 Nov 03:00  no reply                       -> waiting 30h   (listed)
 *   R2 octo/debt  issue   newbie2 Fri 20 Nov 09:00  only dependabot[bot] replied   -> waiting 3d 0h (listed)
 *   R3 octo/cli   PR      newbie3 Sat 21 Nov 09:00  only newbie3's linked discourse
 *                                                   identity replied             -> waiting 2d 0h (listed)
 *   R4 octo/debt  issue   newbie4 Thu 19 Nov 08:00  maint replied at 10:00         -> answered in 2h (not listed)
 *   R5 category 7 topic   newbie5 Sun 22 Nov 23:00  no reply, only 10h old         -> not yet past target
 *   R8 octo/debt  issue   newbie8 Wed 18 Nov 08:00  closed by maint, no reply      -> settled (not listed)
 *   R6 octo/debt  issue   maint (not a first-timer), no reply                      -> not counted
 *   R7 octo/debt  issue   newbie7 Sat 24 Oct 10:00, 30 days before the week's end -> outside the 28 days
 *   First-timers' threads: R1 R2 R3 R4 R5 R8 = 6; answered 1 (R4, 2h). Waiting oldest first: R2, R3, R1.
 *
 * Bus factor (90 days: 25 Aug 00:00Z .. 23 Nov 00:00Z):
 *   octo/a: p1 60, p2 25, p3 15 contributions = 100; 60 >= 50 -> factor 1, core p1, flagged.
 *     Not counted: dependabot[bot] 200 comments, p3's 100 reactions, p2's 100 comments 91+ days back.
 *   octo/b: q1..q4 25 each = 100; ties by id -> core q1, q2 (25 + 25 = 50) -> factor 2.
 *     q1 last contributed 13 days before the end (not quiet), q2 15 days (quiet, flagged).
 * </pre>
 */
class ResponseDebtAndBusFactorIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final Instant END = WEEK.end();
    private static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");
    private static final String MAINT = "github:1";
    private static final String BOT = "github:99";

    private static DigestFigures figures;

    @BeforeAll
    static void seed() {
        var env = DigestEnv.of(TABLE, Map.of());
        ScorerItems.put(TABLE.client(), TABLE.name(), items());
        figures = DigestHandler.service(env, TABLE.client(), null, Clock.systemUTC()).figures(WEEK, AS_OF);
    }

    private static Map<String, AttributeValue> item(String id, String person, String login, String kind, String type,
                                                    String repo, String ts, boolean first, String thread) {
        Map<String, AttributeValue> item = ScorerItems.action(id, person, login, kind, type, 0.1, ts, first, thread);
        item.put("repo", ScorerItems.s(repo));
        if (thread != null) {
            item.put("url", ScorerItems.s("https://example.org/" + repo + "/" + thread));
        }
        return item;
    }

    private static String before(Duration d) {
        return END.minus(d).toString();
    }

    static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        // ---- response debt
        items.add(item("r1", "github:101", "newbie1", "user", "issue_opened", "octo/debt", "2026-11-22T03:00:00Z", true, "R1"));
        items.add(item("r2", "github:102", "newbie2", "user", "issue_opened", "octo/debt", "2026-11-20T09:00:00Z", true, "R2"));
        items.add(item("r2b", BOT, "dependabot[bot]", "bot", "comment", "octo/debt", "2026-11-20T10:00:00Z", false, "R2"));
        items.add(ScorerItems.thread("R2", "2026-11-20T09:00:00Z", "github:102", "newbie2", "2026-11-20T10:00:00Z", BOT));
        items.add(item("r3", "github:103", "newbie3", "user", "pr_opened", "octo/cli", "2026-11-21T09:00:00Z", true, "R3"));
        // the reply came before the link, so its item names the discourse identity as its person; the THREAD
        // item took it as the first response (a different identity from the author's)
        items.add(item("r3r", "discourse:103", "newbie3", "user", "comment", "octo/cli", "2026-11-21T10:00:00Z", false, "R3"));
        items.add(ScorerItems.thread("R3", "2026-11-21T09:00:00Z", "github:103", "newbie3", "2026-11-21T10:00:00Z", "discourse:103"));
        items.add(ScorerItems.linked("discourse:103", "github:103"));
        items.add(item("r4", "github:104", "newbie4", "user", "issue_opened", "octo/debt", "2026-11-19T08:00:00Z", true, "R4"));
        items.add(item("r4r", MAINT, "maint", "user", "comment", "octo/debt", "2026-11-19T10:00:00Z", false, "R4"));
        items.add(item("r5", "discourse:105", "newbie5", "user", "topic_created", "7", "2026-11-22T23:00:00Z", true, "R5"));
        items.add(item("r6", MAINT, "maint", "user", "issue_opened", "octo/debt", "2026-11-21T17:00:00Z", false, "R6"));
        items.add(item("r7", "github:107", "newbie7", "user", "issue_opened", "octo/debt", "2026-10-24T10:00:00Z", true, "R7"));
        items.add(item("r8", "github:108", "newbie8", "user", "issue_opened", "octo/debt", "2026-11-18T08:00:00Z", true, "R8"));
        items.add(item("r8c", MAINT, "maint", "user", "issue_closed", "octo/debt", "2026-11-18T09:00:00Z", false, "R8"));
        items.add(ScorerItems.profile(BOT, "dependabot[bot]", "bot"));
        items.add(ScorerItems.profile(MAINT, "maint", "user"));
        // ---- bus factor, octo/a
        counted(items, "p1", "github:201", "p1", "octo/a", 60, Duration.ofDays(1));
        counted(items, "p2", "github:202", "p2", "octo/a", 25, Duration.ofDays(1));
        counted(items, "p3", "github:203", "p3", "octo/a", 15, Duration.ofDays(1));
        for (int i = 0; i < 200; i++) {
            items.add(item("bot" + i, BOT, "dependabot[bot]", "bot", "comment", "octo/a",
                    before(Duration.ofHours(1 + i * 3L)), false, null));
        }
        for (int i = 0; i < 100; i++) {
            items.add(item("p3r" + i, "github:203", "p3", "user", "reaction_added", "octo/a",
                    before(Duration.ofHours(1 + i * 5L)), false, null));
            items.add(item("p2old" + i, "github:202", "p2", "user", "comment", "octo/a",
                    before(BusFactor.WINDOW.plusDays(1).plusHours(i)), false, null));
        }
        // ---- bus factor, octo/b
        counted(items, "q1", "github:301", "q1", "octo/b", 25, Duration.ofDays(13));
        counted(items, "q2", "github:302", "q2", "octo/b", 25, Duration.ofDays(15));
        counted(items, "q3", "github:303", "q3", "octo/b", 25, Duration.ofDays(1));
        counted(items, "q4", "github:304", "q4", "octo/b", 25, Duration.ofDays(2));
        return items;
    }

    /** {@code n} comments and reviews, one a day, the latest {@code lastAgo} before the week's end. */
    private static void counted(List<Map<String, AttributeValue>> items, String prefix, String person, String login,
                                String repo, int n, Duration lastAgo) {
        for (int i = 0; i < n; i++) {
            items.add(item(prefix + "-" + i, person, login, "user", i % 2 == 0 ? "comment" : "pr_reviewed", repo,
                    before(lastAgo.plusDays(i)), false, null));
        }
    }

    // ------------------------------------------------------------------ response debt

    @Test
    void firstTimersWaitingPastTheTargetAreListedOldestFirstWithLinks() {
        ResponseDebt.Figures debt = figures.responseDebt();
        assertEquals(Duration.ofHours(24), debt.target());
        assertEquals(List.of("R2", "R3", "R1"), debt.waiting().stream().map(Waiting::thread).toList());
        assertEquals(List.of(Duration.ofHours(72), Duration.ofHours(48), Duration.ofHours(30)),
                debt.waiting().stream().map(Waiting::waited).toList());
        assertEquals(List.of("https://example.org/octo/debt/R2", "https://example.org/octo/cli/R3",
                "https://example.org/octo/debt/R1"), debt.waiting().stream().map(Waiting::url).toList());
        assertEquals(List.of("newbie2", "newbie3", "newbie1"), debt.waiting().stream().map(Waiting::authorLogin).toList());
    }

    @Test
    void botsAndTheAuthorsLinkedIdentityAreNoResponseAndHumanOnlyTimeIsMeasured() {
        ResponseDebt.Figures debt = figures.responseDebt();
        // R1 R2 R3 R4 R5 R8: R6 is not a first-timer's, R7 is older than 28 days
        assertEquals(6, debt.threads());
        assertEquals(1, debt.answered());
        assertEquals(Optional.of(Duration.ofHours(2)), debt.medianFirstResponse());
        assertEquals(Optional.of(Duration.ofHours(2)), debt.p90FirstResponse());
    }

    @Test
    void responseDebtIsGroupedByRepositoryOrCategory() {
        List<RepoDebt> byRepo = figures.responseDebt().byRepo();
        assertEquals(List.of("octo/debt", "octo/cli", "7"), byRepo.stream().map(RepoDebt::repo).toList());
        RepoDebt debt = byRepo.get(0);
        assertEquals(4, debt.firstTimerThreads());   // R1 R2 R4 R8
        assertEquals(1, debt.answered());
        assertEquals(Optional.of(Duration.ofHours(2)), debt.medianFirstResponse());
        assertEquals(List.of("R2", "R1"), debt.waiting().stream().map(Waiting::thread).toList());
        assertEquals(List.of("R3"), byRepo.get(1).waiting().stream().map(Waiting::thread).toList());
        assertEquals(List.of(), byRepo.get(2).waiting());
        assertEquals(1, byRepo.get(2).firstTimerThreads());
    }

    @Test
    void theTargetComesFromResponseTargetHours() {
        var env = DigestEnv.of(TABLE, Map.of("RESPONSE_TARGET_HOURS", "8"));
        ResponseDebt.Figures debt = DigestHandler.service(env, TABLE.client(), null, Clock.systemUTC())
                .figures(WEEK, AS_OF).responseDebt();
        // R5, 10 h old, is now past the target too
        assertEquals(List.of("R2", "R3", "R1", "R5"), debt.waiting().stream().map(Waiting::thread).toList());
        assertEquals(Duration.ofHours(8), debt.target());
    }

    @Test
    void aBadResponseTargetIsAClearErrorAndBlankMeansTheDefault() {
        for (String bad : List.of("abc", "1.5", "0", "-3", "673")) {
            var env = new com.communitypulse.shared.config.Env(Map.of("RESPONSE_TARGET_HOURS", bad));
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DigestHandler.responseTarget(env), bad);
            assertTrue(e.getMessage().startsWith("RESPONSE_TARGET_HOURS must be"), e.getMessage());
        }
        assertEquals(Duration.ofHours(24), DigestHandler.responseTarget(new com.communitypulse.shared.config.Env(Map.of())));
        assertEquals(Duration.ofHours(24), DigestHandler.responseTarget(
                new com.communitypulse.shared.config.Env(Map.of("RESPONSE_TARGET_HOURS", " "))));
        assertEquals(Duration.ofHours(672), DigestHandler.responseTarget(
                new com.communitypulse.shared.config.Env(Map.of("RESPONSE_TARGET_HOURS", "672"))));
    }

    // ------------------------------------------------------------------ bus factor

    @Test
    void anIdentityLinkedAfterItActedCountsAsItsPerson() {
        // octo/cli: newbie3's PR (github:103) and the reply its discourse identity made before the link
        RepoFactor cli = repo("octo/cli");
        assertEquals(1, cli.contributors());
        assertEquals(2, cli.contributions());
        assertEquals(List.of("github:103"), cli.core().stream().map(Core::person).toList());
    }

    private static RepoFactor repo(String name) {
        return figures.busFactor().stream().filter(r -> r.repo().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onePersonMakingHalfTheContributionsIsFactorOneAndFlagged() {
        RepoFactor a = repo("octo/a");
        assertEquals(1, a.factor());
        assertEquals(100, a.contributions());     // bots, reactions and older history left out
        assertEquals(3, a.contributors());
        assertEquals(List.of("github:201"), a.core().stream().map(Core::person).toList());
        assertEquals(60, a.core().get(0).contributions());
        assertTrue(a.singlePerson());
        assertTrue(a.flagged());
        assertTrue(a.quietCore().isEmpty());
    }

    @Test
    void fourEqualPeopleGiveFactorTwoWithTiesByIdAndTheQuietCorePersonIsFlagged() {
        RepoFactor b = repo("octo/b");
        assertEquals(2, b.factor());
        assertEquals(100, b.contributions());
        assertEquals(List.of("github:301", "github:302"), b.core().stream().map(Core::person).toList());
        Core q1 = b.core().get(0);
        Core q2 = b.core().get(1);
        assertEquals(13, q1.daysQuiet());
        assertFalse(q1.quiet());
        assertEquals(15, q2.daysQuiet());
        assertTrue(q2.quiet());
        assertFalse(b.singlePerson());
        assertTrue(b.flagged());
        assertEquals(List.of(q2), b.quietCore());
    }

    @Test
    void theDigestSaysBothInTextAndHtmlAfterTheUnchangedHeadline() {
        DigestContent content = DigestRenderer.content(figures, f -> new byte[] {1});
        String[] lines = content.text().split("\n");
        for (int i = 0; i < FigureText.HEADLINE_LABELS.size(); i++) {
            assertTrue(lines[i].startsWith(FigureText.HEADLINE_LABELS.get(i) + ": "), lines[i]);
        }
        String text = content.text();
        assertTrue(text.contains("RESPONSE DEBT: FIRST-TIMERS WAITING OVER 24h"), text);
        assertTrue(text.contains("    - issue by newbie2, opened Fri 20 Nov 09:00 UTC, waiting 3d 0h https://example.org/octo/debt/R2"), text);
        assertTrue(text.indexOf("newbie2, opened") < text.indexOf("newbie1, opened"), "oldest first");
        // docs/digest.md's example, verbatim
        assertTrue(text.contains("""
                RESPONSE DEBT: FIRST-TIMERS WAITING OVER 24h
                  First-timers' threads opened in the 28 days to Sun 22 Nov: 6, answered by a human: 1, human-only time to first response: median 2h 0m, p90 2h 0m
                  octo/debt: 2 waiting; 1 of 4 answered, median 2h 0m
                    - issue by newbie2, opened Fri 20 Nov 09:00 UTC, waiting 3d 0h https://example.org/octo/debt/R2
                    - issue by newbie1, opened Sun 22 Nov 03:00 UTC, waiting 30h 0m https://example.org/octo/debt/R1
                  octo/cli: 1 waiting; 0 of 1 answered, median n/a
                    - PR by newbie3, opened Sat 21 Nov 09:00 UTC, waiting 2d 0h https://example.org/octo/cli/R3
                """), text);
        assertTrue(text.contains("  - octo/a: bus factor 1 of 3 people (100 contributions); core: p1 60  FLAG: one person makes half the contributions"), text);
        assertTrue(text.contains("  - octo/b: bus factor 2 of 4 people (100 contributions); core: q1 25, q2 25  FLAG: q2 (core) quiet 15 days"), text);
        String html = content.html();
        assertTrue(html.contains("<a href=\"https://example.org/octo/debt/R2\""), "links in HTML");
        assertTrue(html.contains("Bus factor</h2>"));
        assertTrue(html.contains("q2 (core) quiet 15 days"));
    }

    @Test
    void theBusFactorReadsNinetyDayPartitionsWhateverTheOlderHistory() {
        var counter = new DigestReadCostIT.ReadCounter();
        var env = DigestEnv.of(TABLE, Map.of());
        List<RepoFactor> factors;
        try (DynamoDbClient counted = TABLE.newClient(counter)) {
            // as the read API would: the store's day Queries for the window, then the plain calculation
            var store = new DigestStore(counted, TABLE.name());
            factors = BusFactor.compute(store.activity(BusFactor.firstDay(END), BusFactor.lastDay(END)), END);
        }
        assertEquals(Map.of("Query", 90), counter.requests);
        assertEquals(repo("octo/a"), factors.stream().filter(r -> r.repo().equals("octo/a")).findFirst().orElseThrow());
        assertEquals(repo("octo/b"), BusFactor.forRepo(
                List.copyOf(new DigestStore(TABLE.client(), TABLE.name()).activity(BusFactor.firstDay(END), BusFactor.lastDay(END))),
                END, "octo/b").orElseThrow());
    }
}
