package com.communitypulse.backfill.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a backfill is: the list ({@link Phase}), the next page to read (a path below the API base URL), and for a
 * {@code since} list its cursor time and the ids already read at exactly that time (GitHub's {@code since} is
 * inclusive, so they come again on the next page and are skipped).
 */
public record Cursor(Phase phase, String page, Instant since, Set<Long> seen) {
    public Cursor {
        seen = seen == null ? Set.of() : Set.copyOf(seen);
    }

    /** The first page of {@code phase} (the run's {@code since} for a since list). */
    public static Cursor start(Phase phase, String repository, Instant runSince) {
        if (phase == Phase.DONE) {
            return new Cursor(Phase.DONE, null, null, Set.of());
        }
        return new Cursor(phase, phase.firstPage(repository, phase.bySince() ? runSince : null),
                phase.bySince() ? runSince : null, Set.of());
    }

    public boolean done() {
        return phase == Phase.DONE;
    }

    /** One item of a page as the cursor sees it: its id and its place in the list's order. */
    public record Seen(long id, Instant at) {
    }

    /**
     * Whether an item was read before: on a since list, one at exactly the cursor's time whose id was read.
     */
    public boolean alreadyRead(Seen item) {
        return phase.bySince() && since != null && item.at() != null && item.at().equals(since) && seen.contains(item.id());
    }

    /**
     * The cursor after a page.
     *
     * @param items      the page's items in order
     * @param next       the page's {@code Link rel="next"} path, null on the last page
     * @param repository for the next phase's first page
     * @param runSince   the run's {@code since}, for the next phase's first page
     */
    public Cursor after(List<Seen> items, String next, String repository, Instant runSince) {
        if (next == null) {
            return start(phase.next(), repository, runSince);
        }
        if (!phase.bySince()) {
            return new Cursor(phase, next, null, Set.of());
        }
        Instant newest = items.stream().map(Seen::at).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(since);
        java.util.Set<Long> atNewest = new java.util.HashSet<>();
        items.stream().filter(i -> newest != null && newest.equals(i.at())).forEach(i -> atNewest.add(i.id()));
        if (newest == null || newest.equals(since)) {
            // a whole page at the cursor's second: on to the Link's next page of the same query
            atNewest.addAll(seen);
            return new Cursor(phase, next, since, atNewest);
        }
        return new Cursor(phase, withSince(phase.firstPage(repository, null), newest), newest, atNewest);
    }

    private static String withSince(String firstPage, Instant since) {
        return firstPage + "&since=" + java.net.URLEncoder.encode(since.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
