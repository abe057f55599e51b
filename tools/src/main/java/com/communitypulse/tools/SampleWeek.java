package com.communitypulse.tools;

import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The sample week of the published digest ({@code docs/digest-example.*}, written by the tools module's
 * {@code PreviewDigest}) and of the digest's rendering tests: the figures of a made-up but plausible community,
 * from seeded random numbers, so the same every run. Built from the shared figures only (no table, no AWS).
 */
public final class SampleWeek {
    /** The week the sample digest shows. */
    public static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    /** When the sample digest is sent: the Monday after {@link #WEEK}. */
    public static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");

    private SampleWeek() {
    }

    /** A seeded, repeatable community: regulars, a few newcomers, a bot, PRs, questions and answers. */
    public static DigestFigures figures(IsoWeek week, Instant asOf) {
        Random random = new Random(47);
        List<Activity> window = new ArrayList<>();
        Map<String, ThreadInfo> threads = new HashMap<>();
        String[] regulars = {"octocat", "hubot-human", "mona", "linus-t", "ada", "grace-h", "ken", "dennis-r",
            "barbara-l", "margaret-h", "guido", "yukihiro"};
        String[] types = {"comment", "pr_opened", "pr_reviewed", "issue_opened", "reply_given", "message_posted",
            "pr_merged", "docs_edited", "review_comment", "reaction_added", "pr_closed"};
        int n = 0;
        for (int back = FigureCalculator.WEEKS_BEFORE; back >= 0; back--) {
            IsoWeek w = week.minusWeeks(back);
            for (int p = 0; p < regulars.length; p++) {
                // Two regulars go quiet this week; the others turn up most weeks.
                boolean quietNow = back == 0 && (p == 10 || p == 11);
                if (quietNow || random.nextInt(10) < 2) {
                    continue;
                }
                int actions = 2 + random.nextInt(8);
                for (int i = 0; i < actions; i++) {
                    String type = types[random.nextInt(types.length)];
                    Instant ts = w.start().plusSeconds(random.nextInt(7 * 24 * 3600));
                    double impact = "pr_merged".equals(type) ? 0.6 : "issue_opened".equals(type) ? 0.3 : 0.1;
                    if (("comment".equals(type) || "review_comment".equals(type)) && random.nextInt(4) == 0) {
                        impact = 0.4;
                    }
                    window.add(action("a" + n++, "github:" + (1000 + p), regulars[p], "user", type, impact, ts, false, null));
                }
            }
        }
        // Newcomers this week: first action ever, one of them a merged PR worth 0.9 (docs + merge bonus).
        window.add(action("n1", "github:2001", "new-dev-sam", "user", "issue_opened", 0.3,
                Instant.parse("2026-11-17T14:12:00Z"), true, "gh:octo/hello#412"));
        window.add(withRepo(action("n2", "discourse:77", "priya_k", "user", "topic_created", 0.1,
                Instant.parse("2026-11-18T08:40:00Z"), true, "dc:topic/981"), "forum: help", "https://forum.example.org/t/981"));
        window.add(action("n3", "github:2002", "jo-contrib", "user", "pr_opened", 0.1,
                Instant.parse("2026-11-19T10:05:00Z"), true, null));
        window.add(action("n4", "github:2002", "jo-contrib", "user", "pr_merged", 0.9,
                Instant.parse("2026-11-20T16:30:00Z"), false, null));
        window.add(action("h1", "github:1000", "octocat", "user", "pr_merged", 1.0,
                Instant.parse("2026-11-18T11:00:00Z"), false, null));
        window.add(action("b1", "github:49699333", "dependabot[bot]", "bot", "pr_opened", 0,
                Instant.parse("2026-11-16T03:00:00Z"), false, null));
        window.add(tier("t1", "github:2002", "jo-contrib", "User", "Contributor", Instant.parse("2026-11-20T16:30:00Z")));
        window.add(tier("t2", "github:1004", "ada", "Contributor", "Maintainer", Instant.parse("2026-11-21T09:00:00Z")));

        // Threads opened this week, most answered within hours, two left waiting.
        String[] repos = {"octo/hello", "octo/docs", "octo/cli"};
        for (int i = 0; i < 9; i++) {
            Instant opened = week.start().plus(Duration.ofHours(6 + i * 17L));
            boolean answered = i != 3 && i != 7;
            String id = "gh:" + repos[i % 3] + "#" + (400 + i);
            window.add(action("o" + i, "github:" + (1000 + i), regulars[i], "user", "issue_opened", 0.3, opened, false, id));
            threads.put(id, new ThreadInfo(id, "github", repos[i % 3], opened, "github:" + (1000 + i), regulars[i],
                    "https://github.com/" + repos[i % 3] + "/issues/" + (400 + i),
                    answered ? opened.plus(Duration.ofMinutes(25 + 70L * i)) : null, answered ? "github:" + (1000 + (i + 1) % 9) : null));
        }
        threads.put("gh:octo/hello#412", new ThreadInfo("gh:octo/hello#412", "github", "octo/hello",
                Instant.parse("2026-11-17T14:12:00Z"), "github:2001", "new-dev-sam", "https://github.com/octo/hello/issues/412",
                Instant.parse("2026-11-17T15:02:00Z"), "github:1001"));
        threads.put("dc:topic/981", new ThreadInfo("dc:topic/981", "discourse", null,
                Instant.parse("2026-11-18T08:40:00Z"), "discourse:77", "priya_k", "https://forum.example.org/t/981",
                null, null));
        olderHistory(week, window, threads);
        return FigureCalculator.compute(week, asOf, window, threads, Map.of());
    }

    /**
     * The 90 days behind the bus factor and the first-timers behind the response debt (a separate random
     * sequence, so the week's own figures above stay as they were): octo/cli rests on one person, a core
     * person of octo/docs went quiet 20 days ago, octo/hello is shared widely.
     */
    private static void olderHistory(IsoWeek week, List<Activity> window, Map<String, ThreadInfo> threads) {
        Random random = new Random(90);
        Instant end = week.end();
        int n = 0;
        String[][] people = {{"github:1000", "octocat"}, {"github:1001", "hubot-human"}, {"github:1002", "mona"},
            {"github:1003", "linus-t"}, {"github:1004", "ada"}, {"github:1005", "grace-h"}, {"github:1006", "ken"}};
        for (int i = 0; i < 70; i++) {
            String[] p = i < 46 ? people[3] : people[random.nextInt(3)];
            window.add(repo(action("cli" + n++, p[0], p[1], "user", i % 3 == 0 ? "pr_opened" : "pr_reviewed", 0.1,
                    end.minus(Duration.ofHours(2 + random.nextInt(88 * 24))), false, null), "octo/cli"));
        }
        for (int i = 0; i < 60; i++) {
            String[] p = people[4 + i % 3];
            // grace-h (core of octo/docs) stopped 20 days before the week's end
            long hoursAgo = p[1].equals("grace-h") ? 20 * 24 + random.nextInt(60 * 24) : 2 + random.nextInt(80 * 24);
            window.add(repo(action("doc" + n++, p[0], p[1], "user", "docs_edited", 0.1,
                    end.minus(Duration.ofHours(hoursAgo)), false, null), "octo/docs"));
        }
        for (int i = 0; i < 120; i++) {
            String[] p = people[random.nextInt(people.length)];
            window.add(action("hel" + n++, p[0], p[1], "user", "comment", 0.1,
                    end.minus(Duration.ofDays(36 + random.nextInt(54))), false, null));
        }
        // First-timers of the weeks before: one answered only by a bot, one never answered, one answered in 3h.
        firstTimer(window, threads, "ft1", "github:3001", "river-dev", "issue_opened", "octo/cli", 501,
                Instant.parse("2026-11-12T15:20:00Z"), null);
        window.add(repo(action("ftb", "github:49699333", "dependabot[bot]", "bot", "comment", 0,
                Instant.parse("2026-11-12T15:25:00Z"), false, "gh:octo/cli#501"), "octo/cli"));
        firstTimer(window, threads, "ft2", "github:3002", "tamsin-w", "pr_opened", "octo/docs", 88,
                Instant.parse("2026-11-09T11:00:00Z"), null);
        firstTimer(window, threads, "ft3", "github:3003", "quentin", "issue_opened", "octo/hello", 398,
                Instant.parse("2026-11-04T08:00:00Z"), Instant.parse("2026-11-04T11:00:00Z"));
    }

    private static void firstTimer(List<Activity> window, Map<String, ThreadInfo> threads, String id, String person,
                                   String login, String type, String repoName, int number, Instant opened, Instant answered) {
        String kind = type.equals("pr_opened") ? "pull" : "issues";
        String thread = "gh:" + repoName + "#" + number;
        String url = "https://github.com/" + repoName + "/" + kind + "/" + number;
        window.add(withRepo(action(id, person, login, "user", type, 0.3, opened, true, thread), repoName, url));
        threads.put(thread, new ThreadInfo(thread, "github", repoName, opened, person, login, url, answered,
                answered == null ? null : "github:1002"));
    }

    private static Activity repo(Activity a, String repo) {
        return withRepo(a, repo, a.url());
    }

    private static Activity withRepo(Activity a, String repo, String url) {
        return new Activity(a.actionId(), a.person(), a.login(), a.kind(), a.platform(), a.type(), repo, a.impact(),
                a.ts(), a.first(), a.thread(), url, a.fromTier(), a.toTier());
    }

    private static Activity action(String id, String person, String login, String kind, String type, double impact,
                                   Instant ts, boolean first, String thread) {
        return new Activity(id, person, login, kind, person.substring(0, person.indexOf(':')), type, "octo/hello",
                impact, ts, first, thread, "https://github.com/octo/hello/pull/" + Math.abs(id.hashCode() % 900), null, null);
    }

    private static Activity tier(String id, String person, String login, String from, String to, Instant ts) {
        return new Activity(id, person, login, "user", "github", Activity.TIER_CHANGED, null, 0, ts, false, null, null, from, to);
    }
}
