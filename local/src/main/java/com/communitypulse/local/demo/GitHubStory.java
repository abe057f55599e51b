package com.communitypulse.local.demo;

import static com.communitypulse.local.demo.DemoCast.ADA;
import static com.communitypulse.local.demo.DemoCast.DEPENDABOT;
import static com.communitypulse.local.demo.DemoCast.GRACE;
import static com.communitypulse.local.demo.DemoCast.KENJI;
import static com.communitypulse.local.demo.DemoCast.MIRA;
import static com.communitypulse.local.demo.DemoCast.NOOR;
import static com.communitypulse.local.demo.DemoCast.PRIYA;
import static com.communitypulse.local.demo.DemoCast.TOMAS;

/**
 * Six weeks of {@code pulse-demo/widgets}: grace (core maintainer) carries the early weeks and then
 * goes quiet after week -3's Saturday; ada reviews and merges; first-timers arrive last week (kenji,
 * merged; noor, never answered) and this week (priya); dependabot opens and gets merged weekly.
 * Issues and PRs share one number sequence, as on GitHub.
 */
final class GitHubStory {
    private GitHubStory() {
    }

    static void write(DemoBook book, DemoTimeline t) {
        // the marker: grace's first action, a fixed 60 days before the anchor
        book.issueOpened(1, "Roadmap for widgets 2.0", GRACE, t.marker());

        // week -5
        book.prOpened(5, "Bump jackson-databind from 2.15.2 to 2.15.3", DEPENDABOT, t.week(5, 1, 6));
        book.prOpened(2, "Add a sparkline widget", GRACE, t.week(5, 0, 10));
        book.review(2, ADA, t.week(5, 0, 14));
        book.prMerged(2, GRACE, t.week(5, 1, 9));
        book.prMerged(5, GRACE, t.week(5, 1, 12));
        book.issueOpened(3, "Leaderboard widget ignores the time zone", ADA, t.week(5, 2, 11));
        book.comment(3, GRACE, t.week(5, 2, 15), false);
        book.prOpened(4, "Fix the legend overlapping the chart", MIRA, t.week(5, 3, 10));
        book.review(4, GRACE, t.week(5, 3, 16));
        book.prMerged(4, ADA, t.week(5, 4, 10));

        // week -4
        book.prOpened(9, "Bump junit-jupiter from 5.10.0 to 5.10.1", DEPENDABOT, t.week(4, 0, 6));
        book.prOpened(6, "Render widgets off the main thread", GRACE, t.week(4, 0, 9));
        book.review(6, ADA, t.week(4, 0, 13));
        book.prMerged(6, GRACE, t.week(4, 1, 10));
        book.issueClosed(3, GRACE, t.week(4, 2, 10));
        book.prOpened(7, "Document the widget options", TOMAS, t.week(4, 2, 12));
        book.review(7, GRACE, t.week(4, 2, 16));
        book.prMerged(7, GRACE, t.week(4, 3, 9));
        book.prOpened(8, "Use the user's time zone in the leaderboard widget", ADA, t.week(4, 3, 10));
        book.review(8, GRACE, t.week(4, 3, 14));
        book.prMerged(8, GRACE, t.week(4, 4, 9));

        // week -3: grace's last week
        book.issueOpened(10, "Plan the 2.0 release", GRACE, t.week(3, 0, 9));
        book.prOpened(11, "Drop the deprecated colour API", ADA, t.week(3, 1, 10));
        book.review(11, GRACE, t.week(3, 1, 14));
        book.prMerged(11, GRACE, t.week(3, 2, 9));
        book.comment(10, GRACE, t.week(3, 2, 11), true);
        book.prOpened(12, "Animate the gauge widget", MIRA, t.week(3, 4, 10));
        book.reviewComment(12, GRACE, t.week(3, 5, 10));

        // week -2
        book.prOpened(15, "Bump slf4j-api from 2.0.9 to 2.0.10", DEPENDABOT, t.week(2, 0, 6));
        book.comment(15, DEPENDABOT, t.week(2, 0, 7), false);
        book.prMerged(12, ADA, t.week(2, 0, 10));
        book.prMerged(15, ADA, t.week(2, 0, 12));
        book.prOpened(13, "Rewrite the table widget in one pass", TOMAS, t.week(2, 1, 10));
        book.comment(13, ADA, t.week(2, 1, 15), false);
        book.issueOpened(14, "Gauge animation stutters on Safari", ADA, t.week(2, 2, 9));
        book.comment(14, MIRA, t.week(2, 2, 12), false);
        book.issueClosed(14, ADA, t.week(2, 3, 9));

        // week -1: the digest's week
        book.prOpened(16, "Bump guava from 32.1.2-jre to 32.1.3-jre", DEPENDABOT, t.week(1, 0, 6));
        book.prOpened(17, "Fix a typo in the README", KENJI, t.week(1, 0, 10));
        book.prMerged(16, ADA, t.week(1, 0, 11));
        book.review(17, ADA, t.week(1, 0, 13));
        book.prMerged(17, ADA, t.week(1, 1, 9));
        book.issueOpened(18, "Tooltip is cut off at the right edge", MIRA, t.week(1, 1, 10));
        book.comment(18, ADA, t.week(1, 1, 12), false);
        book.prOpened(19, "Keep tooltips inside the viewport", MIRA, t.week(1, 2, 9));
        book.review(19, ADA, t.week(1, 2, 10));
        book.prMerged(19, ADA, t.week(1, 2, 15));
        book.prOpened(20, "Faster layout for the table widget", ADA, t.week(1, 3, 10));
        book.review(20, MIRA, t.week(1, 3, 14));
        book.prMerged(20, MIRA, t.week(1, 3, 16));
        book.issueOpened(21, "How do I embed a widget in a static site?", NOOR, t.week(1, 4, 9));
        book.comment(13, ADA, t.week(1, 4, 11), false);
        book.prClosedUnmerged(13, ADA, t.week(1, 4, 12));

        // this week, spread over the part of it that has passed
        book.prOpened(22, "Bump mockito-core from 5.6.0 to 5.7.0", DEPENDABOT, t.thisWeek(0.05));
        book.prOpened(23, "Add a dark theme to the gauge", PRIYA, t.thisWeek(0.10));
        book.review(23, ADA, t.thisWeek(0.20));
        book.issueOpened(24, "Sparkline widget has no empty state", MIRA, t.thisWeek(0.25));
        book.comment(23, PRIYA, t.thisWeek(0.30), false);
        book.prOpened(25, "Empty state for the sparkline", MIRA, t.thisWeek(0.35));
        book.comment(24, ADA, t.thisWeek(0.40), true);
        book.prOpened(26, "Cache layouts per breakpoint", ADA, t.thisWeek(0.45));
        book.comment(23, TOMAS, t.thisWeek(0.50), false);
        book.prMerged(25, ADA, t.thisWeek(0.55));
        book.prMerged(26, MIRA, t.thisWeek(0.60));
    }
}
