package com.communitypulse.backfill.store;

import com.communitypulse.backfill.domain.BackfillState;
import com.communitypulse.backfill.domain.Cursor;
import com.communitypulse.backfill.domain.HistoryMapper.Author;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backfill keeps between invocations: its state item (checkpoint and progress), written only by the
 * invocation holding its lease; each page's ETag with the cursor after it; and the authors of the issues and PRs it
 * has read, for their comments' threads.
 */
public interface BackfillStore {
    Optional<BackfillState> state(String platform, String source);

    /** Every backfill's state (one Query), for {@code GET /backfill} and the resume schedule. */
    List<BackfillState> all();

    /**
     * Writes a new run's state, unless an invocation holds the source's lease or the state changed since it was
     * read ({@code expectedStep}: the step read, null when there was none).
     *
     * @return false when it was not written
     */
    boolean start(BackfillState state, Long expectedStep);

    /**
     * Takes the source's lease for the step {@code step}: only when that is the state's step and no live lease is
     * held, so a repeated or stale {@code backfill.continue} does nothing.
     */
    Optional<BackfillState> claim(String platform, String source, long step, String lease, Instant leaseUntil, Instant now);

    /** Writes the state (checkpoint, counts) while holding {@code lease}; {@code release} gives the lease back. */
    void save(BackfillState state, String lease, boolean release);

    /** A page's ETag and the cursor after it, from an earlier read. */
    record PageMark(String etag, Cursor next, int items) {
    }

    Optional<PageMark> pageMark(String platform, String source, String page);

    void savePageMark(String platform, String source, String page, PageMark mark);

    Map<Long, Author> authors(String platform, String source, Collection<Long> numbers);

    void saveAuthors(String platform, String source, Collection<Author> authors, Instant now);

    /** The lease was lost (another invocation took over after this one overran): this one stops. */
    final class LeaseLost extends RuntimeException {
        public LeaseLost(String message) {
            super(message);
        }
    }
}
