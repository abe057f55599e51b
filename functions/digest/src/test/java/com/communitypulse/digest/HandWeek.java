package com.communitypulse.digest;

import static com.communitypulse.digest.ScorerItems.action;
import static com.communitypulse.digest.ScorerItems.linked;
import static com.communitypulse.digest.ScorerItems.profile;
import static com.communitypulse.digest.ScorerItems.thread;
import static com.communitypulse.digest.ScorerItems.tierChange;
import static com.communitypulse.digest.ScorerItems.user;

import com.communitypulse.shared.figures.IsoWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A week worked out by hand: 2026-W47 (Mon 16 Nov to Sun 22 Nov 2026), digest made Mon 23 Nov 09:00Z.
 * The expected figures below are counted from the items, not produced by the code under test.
 *
 * <pre>
 * W47 actions (people only): alice 4 (1.3), bob 5 (0.7), carol 1 (0.3, first), dave 1 (0.1, first,
 *   Sun 23:59:59Z), gina 2 (1.0), hank 3 (0.5) = 16 actions, 6 active, 2 new, 4 returning.
 * Bots: dependabot[bot] (kind bot) and renovate[bot] (login only) do things all week; never counted.
 * Boundaries: erin's first action Sun 15 Nov 23:59:59Z is W46; frank's Mon 23 Nov 00:00:00Z is W48.
 * W46 active: alice, gina, ivan, judy, erin = 5 (change +1).
 * Last 28 days (26 Oct to 22 Nov): the 6 + gina's, ivan, judy, erin = 9 (kate only in W43).
 * PRs: opened alice + dave = 2, merged alice + gina = 2, closed unmerged hank = 1: acceptance 2/3 = 67%.
 * Threads opened in W47 by people: T1 T2 T3 T4 T5 T8 = 6 (T6 is a bot's, T7 opened in W46).
 *   T1 2h (bob), T2 4h (THREAD names carol's own linked discourse identity, so bob's comment counts),
 *   T5 8h (gina), T8 1h (alice, from activity only), T3 only a bot answered (unanswered, > 24h),
 *   (bob's reaction on T3 is not a response), T4 opened Sun 23:59:59Z (not yet 24h old). Median (2h+4h)/2 = 3h, p90 nearest rank 4th of 4 = 8h.
 * Docs edits: bob 1 (the bot's is not counted). High impact (> 0.8): gina's merge 0.9 (alice's 0.8 is not).
 * Tier promotions: gina Contributor to Maintainer (hank's demotion is not one).
 * Quiet regulars: ivan (W43, W44, W46); judy has 2 weeks, gina is active this week.
 * </pre>
 */
final class HandWeek {
    static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");

    static final String ALICE = "github:1";
    static final String BOB = "github:2";
    static final String CAROL = "github:3";
    static final String DAVE = "github:4";
    static final String ERIN = "github:5";
    static final String FRANK = "github:6";
    static final String GINA = "github:7";
    static final String HANK = "github:8";
    static final String IVAN = "github:9";
    static final String JUDY = "github:10";
    static final String KATE = "github:11";
    static final String DEPENDABOT = "github:99";
    static final String RENOVATE = "github:98";

    private HandWeek() {
    }

    static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        // ---- W47
        items.add(user("a1", ALICE, "alice", "pr_opened", 0.1, "2026-11-16T10:00:00Z", "T1"));
        items.add(user("a2", ALICE, "alice", "issue_opened", 0.3, "2026-11-17T09:00:00Z", "T5"));
        items.add(user("a3", ALICE, "alice", "pr_merged", 0.8, "2026-11-17T12:00:00Z", "T1"));
        items.add(user("a4", ALICE, "alice", "comment", 0.1, "2026-11-20T11:00:00Z", "T8"));
        items.add(user("b1", BOB, "bob", "comment", 0.1, "2026-11-16T12:00:00Z", "T1"));
        items.add(user("b2", BOB, "bob", "comment", 0.1, "2026-11-18T14:00:00Z", "T2"));
        items.add(user("b3", BOB, "bob", "docs_edited", 0.1, "2026-11-19T15:00:00Z", null));
        items.add(user("b4", BOB, "bob", "issue_opened", 0.3, "2026-11-20T10:00:00Z", "T8"));
        items.add(user("b5", BOB, "bob", "reaction_added", 0.1, "2026-11-19T10:00:00Z", "T3"));
        items.add(action("c1", CAROL, "carol", "user", "issue_opened", 0.3, "2026-11-18T10:00:00Z", true, "T2"));
        items.add(action("d1", DAVE, "dave", "user", "pr_opened", 0.1, "2026-11-22T23:59:59Z", true, "T4"));
        items.add(user("g1", GINA, "gina", "comment", 0.1, "2026-11-17T17:00:00Z", "T5"));
        items.add(user("g2", GINA, "gina", "pr_merged", 0.9, "2026-11-21T12:00:00Z", null));
        items.add(user("h1", HANK, "hank", "issue_opened", 0.3, "2026-11-19T08:00:00Z", "T3"));
        items.add(user("h2", HANK, "hank", "comment", 0.1, "2026-11-19T09:00:00Z", "T7"));
        items.add(user("h3", HANK, "hank", "pr_closed", 0.1, "2026-11-20T09:00:00Z", null));
        items.add(tierChange("tc1", GINA, "gina", "Contributor", "Maintainer", "2026-11-21T12:00:00Z"));
        items.add(tierChange("tc2", HANK, "hank", "Maintainer", "Contributor", "2026-11-20T09:00:00Z"));
        // bots, all week
        items.add(action("x1", DEPENDABOT, "dependabot[bot]", "bot", "pr_opened", 0, "2026-11-16T03:00:00Z", true, "T6"));
        items.add(action("x2", DEPENDABOT, "dependabot[bot]", "bot", "pr_merged", 0, "2026-11-16T05:00:00Z", false, "T6"));
        items.add(action("x3", DEPENDABOT, "dependabot[bot]", "bot", "docs_edited", 0, "2026-11-18T05:00:00Z", false, null));
        items.add(action("x4", DEPENDABOT, "dependabot[bot]", "bot", "comment", 0, "2026-11-19T08:05:00Z", false, "T3"));
        items.add(action("x5", RENOVATE, "renovate[bot]", "user", "pr_opened", 0.9, "2026-11-17T04:00:00Z", true, null));
        items.add(action("x6", RENOVATE, "renovate[bot]", "user", "pr_closed", 0.1, "2026-11-18T04:00:00Z", false, null));
        // the edges of the week
        items.add(action("e1", ERIN, "erin", "user", "comment", 0.1, "2026-11-15T23:59:59Z", true, null));
        items.add(action("f1", FRANK, "frank", "user", "pr_opened", 0.1, "2026-11-23T00:00:00Z", true, null));
        // ---- the four weeks before
        for (String[] w : new String[][] {
            {"2026-10-20T10:00:00Z", "43"}, {"2026-10-27T10:00:00Z", "44"}, {"2026-11-03T10:00:00Z", "45"},
            {"2026-11-10T10:00:00Z", "46"}}) {
            items.add(user("al" + w[1], ALICE, "alice", "comment", 0.1, w[0], null));
        }
        items.add(user("gi44", GINA, "gina", "comment", 0.1, "2026-10-28T10:00:00Z", null));
        items.add(user("gi45", GINA, "gina", "comment", 0.1, "2026-11-04T10:00:00Z", null));
        items.add(user("gi46", GINA, "gina", "comment", 0.1, "2026-11-11T10:00:00Z", "T7"));
        items.add(user("iv43", IVAN, "ivan", "comment", 0.1, "2026-10-20T12:00:00Z", null));
        items.add(user("iv44", IVAN, "ivan", "comment", 0.1, "2026-10-28T12:00:00Z", null));
        items.add(user("iv46", IVAN, "ivan", "pr_reviewed", 0.1, "2026-11-10T12:00:00Z", null));
        items.add(user("ju45", JUDY, "judy", "comment", 0.1, "2026-11-05T12:00:00Z", null));
        items.add(user("ju46", JUDY, "judy", "comment", 0.1, "2026-11-12T12:00:00Z", null));
        items.add(user("ka43", KATE, "kate", "comment", 0.1, "2026-10-21T12:00:00Z", null));
        items.add(action("db46", DEPENDABOT, "dependabot[bot]", "bot", "pr_opened", 0, "2026-11-10T03:00:00Z", false, null));
        // ---- threads
        items.add(thread("T1", "2026-11-16T10:00:00Z", ALICE, "alice", "2026-11-16T12:00:00Z", BOB));
        items.add(thread("T2", "2026-11-18T10:00:00Z", CAROL, "carol", "2026-11-18T10:30:00Z", "discourse:33"));
        items.add(thread("T3", "2026-11-19T08:00:00Z", HANK, "hank", "2026-11-19T08:05:00Z", DEPENDABOT));
        items.add(thread("T4", "2026-11-22T23:59:59Z", DAVE, "dave", null, null));
        items.add(thread("T5", "2026-11-17T09:00:00Z", ALICE, "alice", "2026-11-17T17:00:00Z", GINA));
        items.add(thread("T6", "2026-11-16T03:00:00Z", DEPENDABOT, "dependabot[bot]", "2026-11-16T04:00:00Z", ALICE));
        items.add(thread("T7", "2026-11-11T10:00:00Z", GINA, "gina", "2026-11-19T09:00:00Z", HANK));
        items.add(thread("T8", "2026-11-20T10:00:00Z", BOB, "bob", null, null));
        // ---- profiles
        for (String[] p : new String[][] {{ALICE, "alice"}, {BOB, "bob"}, {CAROL, "carol"}, {DAVE, "dave"},
            {GINA, "gina"}, {HANK, "hank"}}) {
            items.add(profile(p[0], p[1], "user"));
        }
        items.add(profile(DEPENDABOT, "dependabot[bot]", "bot"));
        items.add(linked("discourse:33", CAROL));
        return items;
    }

    static void seed(DynamoDbClient dynamo, String table) {
        ScorerItems.put(dynamo, table, items());
    }
}
