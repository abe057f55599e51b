package com.communitypulse.backfill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The since cursor: on from the page's newest update, skipping what was read at exactly that second. */
class CursorTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void afterAPageTheCursorIsItsNewestUpdateAndRemembersWhatWasReadThen() {
        Cursor start = Cursor.start(Phase.ISSUES, "o/r", null);
        assertEquals("/repos/o/r/issues?state=all&sort=updated&direction=asc&per_page=100", start.page());
        Cursor next = start.after(List.of(new Cursor.Seen(1, T0), new Cursor.Seen(2, T0.plusSeconds(5)),
                new Cursor.Seen(3, T0.plusSeconds(5))), "/repositories/9/issues?page=2", "o/r", null);
        assertEquals(T0.plusSeconds(5), next.since());
        assertEquals(Set.of(2L, 3L), next.seen());
        assertTrue(next.page().endsWith("&since=2024-01-01T00%3A00%3A05Z"), next.page());
        assertTrue(next.alreadyRead(new Cursor.Seen(3, T0.plusSeconds(5))));
        assertFalse(next.alreadyRead(new Cursor.Seen(4, T0.plusSeconds(5))), "same second, not read yet");
        assertFalse(next.alreadyRead(new Cursor.Seen(3, T0.plusSeconds(6))), "updated again since");
    }

    @Test
    void aWholePageAtTheCursorsSecondFollowsTheLinkAndKeepsRemembering() {
        Cursor at = new Cursor(Phase.ISSUES, "/repos/o/r/issues?x&since=t", T0, Set.of(1L));
        Cursor next = at.after(List.of(new Cursor.Seen(1, T0), new Cursor.Seen(2, T0)), "/repos/o/r/issues?x&since=t&page=2",
                "o/r", null);
        assertEquals("/repos/o/r/issues?x&since=t&page=2", next.page());
        assertEquals(Set.of(1L, 2L), next.seen());
    }

    @Test
    void theLastPageMovesToTheNextListThenDone() {
        Instant since = T0.plusSeconds(60);
        Cursor comments = Cursor.start(Phase.ISSUES, "o/r", since).after(List.of(), null, "o/r", since);
        assertEquals(Phase.COMMENTS, comments.phase());
        assertEquals(since, comments.since());
        Cursor reviewComments = comments.after(List.of(), null, "o/r", since);
        assertEquals(Phase.REVIEW_COMMENTS, reviewComments.phase());
        assertEquals(since, reviewComments.since());
        assertTrue(reviewComments.page().startsWith("/repos/o/r/pulls/comments?sort=updated&direction=asc&per_page=100&since="),
                reviewComments.page());
        Cursor reviews = reviewComments.after(List.of(), null, "o/r", since);
        assertEquals(Phase.REVIEWS, reviews.phase());
        assertEquals("/repos/o/r/pulls?state=all&sort=created&direction=asc&per_page=25", reviews.page(),
                "PRs by creation, which never changes, and no since: an incremental run skips those not updated since");
        Cursor stars = reviews.after(List.of(), null, "o/r", since);
        assertEquals(Phase.STARS, stars.phase());
        assertEquals("/repos/o/r/stargazers?per_page=100", stars.page());
        assertTrue(stars.after(List.of(), null, "o/r", since).done());
    }
}
