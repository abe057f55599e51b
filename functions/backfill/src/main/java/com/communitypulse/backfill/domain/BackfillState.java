package com.communitypulse.backfill.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One backfill source's state item (docs/backfill.md, "What it writes"): where it is, what it has done, what it
 * may still spend. A plain carrier between the service, which changes it one page at a time, and the store, which
 * writes it conditioned on the invocation's lease.
 */
public final class BackfillState {
    public enum Status { RUNNING, WAITING, DONE, FAILED }

    public final String platform;
    public final String source;
    public Status status = Status.RUNNING;
    public Cursor cursor;
    /** The run's window start (null: all history). */
    public Instant runSince;
    /** Which step may run next: a {@code backfill.continue} carries it, so a stale or repeated one is refused. */
    public long step;
    public Instant startedAt;
    public Instant runStartedAt;
    public Instant finishedAt;
    public Instant updatedAt;
    /** When a rate-limited backfill may go on (the resume schedule looks). */
    public Instant resumeAfter;
    public String lastError;
    public long itemsFetched;
    public long eventsPublished;
    public long pages;
    public long pagesUnchanged;
    public long requests;
    public long skipped;
    public int runs;
    public Integer rateRemaining;
    public Integer rateFloor;
    public Instant rateReset;
    /** Pages left in the current list, from its {@code Link rel="last"} (0: unknown or none). */
    public int phasePagesLeft;
    /** Seconds spent reading and publishing pages, for the pace of the estimate. */
    public double busySeconds;
    /** The repository as the payloads carry it (JSON) and its ETag. */
    public String repositoryJson;
    public String repositoryEtag;
    /** The window start of the last run that finished: the {@code since} of a cheap incremental run. */
    public Instant lastCompletedRunStartedAt;
    /** Until when the invocation that claimed the step holds it (null: nobody). */
    public Instant leaseUntil;

    public BackfillState(String platform, String source) {
        this.platform = platform;
        this.source = source;
    }

    /** Time left in the current list at the pace so far; null when unknown. */
    public Duration estimate() {
        if (pages == 0 || phasePagesLeft <= 0 || status == Status.DONE) {
            return null;
        }
        return Duration.ofMillis((long) (busySeconds / pages * phasePagesLeft * 1000));
    }
}
