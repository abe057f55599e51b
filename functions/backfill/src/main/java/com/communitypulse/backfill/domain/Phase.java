package com.communitypulse.backfill.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The lists a GitHub backfill reads, in order, 100 items a page. Issues, comments and review comments are read
 * oldest update first from a {@code since} cursor (the last page's newest {@code updated_at}), so an item updated
 * meanwhile moves to the end and is read again rather than shifting another out of reach. Reviews have no
 * repository-wide list: the pull requests are listed oldest created first ({@code created_at} never changes, so a
 * PR updated meanwhile shifts nothing), {@value #REVIEW_PAGE} a page, and each page's reviews are read PR by PR.
 * The stargazers list has no {@code since} and is followed by its {@code Link} pages.
 */
public enum Phase {
    ISSUES(true, "updated_at"),
    COMMENTS(true, "updated_at"),
    REVIEW_COMMENTS(true, "updated_at"),
    REVIEWS(false, "created_at"),
    STARS(false, "starred_at"),
    DONE(false, null);

    public static final int PER_PAGE = 100;
    /** Pull requests a reviews page lists: each costs a request of its own, so a page is a checkpoint every 26. */
    public static final int REVIEW_PAGE = 25;

    private final boolean bySince;
    private final String timeField;

    Phase(boolean bySince, String timeField) {
        this.bySince = bySince;
        this.timeField = timeField;
    }

    /** Paged by a {@code since} cursor rather than by the {@code Link} header alone. */
    public boolean bySince() {
        return bySince;
    }

    /** The field the list is ordered by. */
    public String timeField() {
        return timeField;
    }

    public Phase next() {
        return values()[Math.min(ordinal() + 1, DONE.ordinal())];
    }

    /** The first page of this list for {@code repository}, from {@code since} when given (null: from the start). */
    public String firstPage(String repository, Instant since) {
        String sinceParam = since == null ? "" : "&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        return switch (this) {
            case ISSUES -> "/repos/" + repository + "/issues?state=all&sort=updated&direction=asc&per_page=" + PER_PAGE + sinceParam;
            case COMMENTS -> "/repos/" + repository + "/issues/comments?sort=updated&direction=asc&per_page=" + PER_PAGE + sinceParam;
            case REVIEW_COMMENTS -> "/repos/" + repository + "/pulls/comments?sort=updated&direction=asc&per_page=" + PER_PAGE
                    + sinceParam;
            case REVIEWS -> "/repos/" + repository + "/pulls?state=all&sort=created&direction=asc&per_page=" + REVIEW_PAGE;
            case STARS -> "/repos/" + repository + "/stargazers?per_page=" + PER_PAGE;
            case DONE -> null;
        };
    }
}
