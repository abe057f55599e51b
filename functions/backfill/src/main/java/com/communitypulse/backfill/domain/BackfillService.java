package com.communitypulse.backfill.domain;

import com.communitypulse.backfill.BackfillMetrics;
import com.communitypulse.backfill.domain.BackfillState.Status;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.store.BackfillStore;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills a GitHub repository's history in steps (docs/backfill.md). A step holds the source's lease, reads
 * pages while its time budget and rate budget last ({@link PageReader}), and after each page, once its deliveries
 * are on the bus, saves the checkpoint: a crash repeats at most that page, whose actions the scorer's action-id
 * guard counts once. A step that ran out of time publishes {@code backfill.continue} for the next; one that ran
 * out of rate budget waits for {@code X-RateLimit-Reset}, when the resume schedule continues it; a refusal
 * (404, 401, 403, an unusable page) stops it with the reason in {@code last_error}, the checkpoint kept.
 */
public final class BackfillService {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillService.class);
    /** A step's lease outlives its invocation by this much. */
    static final Duration LEASE_GRACE = Duration.ofSeconds(30);
    /** A running backfill nobody has touched for this long lost its next step (a failed publish): resumed. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(10);
    /** After GitHub kept failing (5xx, unreachable): try again this much later. */
    static final Duration UNAVAILABLE_PAUSE = Duration.ofMinutes(5);

    /** What a step did, as the handler answers it. */
    public record Step(String repository, String outcome, Status status, String phase, long step, int pages,
                       int items, int events, int requests, Integer rateRemaining, Instant resumeAfter, String lastError) {
    }

    /**
     * @param rateShare  {@code BACKFILL_RATE_SHARE}: the share of the rate limit's remaining requests it may spend
     * @param pageTime   a page is begun only with at least this much time before the deadline
     * @param maxWait    a secondary limit at most this long is left to the next step (which waits it out in place)
     */
    public record Settings(double rateShare, Duration pageTime, Duration maxWait, boolean conditionalRequests) {
    }

    private final Settings settings;
    private final GitHubRest github;
    private final BackfillStore store;
    private final EventPublisher publisher;
    private final BackfillMetrics metrics;
    private final Clock clock;

    public BackfillService(Settings settings, GitHubRest github, BackfillStore store, EventPublisher publisher,
                           BackfillMetrics metrics, Clock clock) {
        this.settings = settings;
        this.github = github;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code backfill.requested}: starts a run (or a new run of a finished one, or resumes a failed one) and does its first step. */
    public Step request(BackfillRequest request, Instant deadline, Instant leaseUntil) {
        Instant now = clock.instant();
        Optional<BackfillState> existing = store.state(request.platform(), request.repository());
        Long expected = existing.map(s -> s.step).orElse(null); // before this request moves it on
        BackfillState state;
        if (existing.isEmpty()) {
            state = new BackfillState(request.platform(), request.repository());
            state.startedAt = now;
            state.step = 1;
            newRun(state, request, now);
        } else if (existing.get().status == Status.DONE || existing.get().status == Status.FAILED) {
            state = existing.get();
            if (state.status == Status.DONE) {
                newRun(state, request, now); // a window again: pages still unchanged answer 304 and publish nothing
            }
            state.status = Status.RUNNING;
            state.lastError = null;
            state.resumeAfter = null;
            state.step++;
        } else {
            return run(existing.get().platform, request.repository(), existing.get().step, deadline, leaseUntil, "resumed");
        }
        state.updatedAt = now;
        if (!store.start(state, expected)) {
            return outcome(store.state(request.platform(), request.repository()).orElse(state), "already_running");
        }
        LOG.info("backfill {} requested: since={} run={} step={}", request.repository(), request.since(), state.runs, state.step);
        return run(request.platform(), request.repository(), state.step, deadline, leaseUntil, "started");
    }

    private static void newRun(BackfillState state, BackfillRequest request, Instant now) {
        state.runSince = request.since();
        state.runStartedAt = now;
        state.finishedAt = null;
        state.runs++;
        state.cursor = Cursor.start(Phase.ISSUES, request.repository(), request.since());
        state.itemsFetched = 0;
        state.eventsPublished = 0;
        state.pages = 0;
        state.pagesUnchanged = 0;
        state.requests = 0;
        state.skipped = 0;
        state.busySeconds = 0;
        state.phasePagesLeft = 0;
    }

    /** {@code backfill.continue}: the step {@code step}, unless it was done already or is being done. */
    public Step proceed(String platform, String repository, long step, Instant deadline, Instant leaseUntil) {
        return run(platform, repository, step, deadline, leaseUntil, "continued");
    }

    /** The resume schedule: a {@code backfill.continue} for each backfill whose wait is over or whose chain broke. */
    public List<Step> resumeDue() {
        Instant now = clock.instant();
        List<BusEvent> next = new ArrayList<>();
        List<Step> resumed = new ArrayList<>();
        for (BackfillState state : store.all()) {
            boolean leaseFree = state.leaseUntil == null || state.leaseUntil.isBefore(now);
            boolean due = state.status == Status.WAITING && (state.resumeAfter == null || !now.isBefore(state.resumeAfter));
            boolean stalled = state.status == Status.RUNNING && leaseFree && state.updatedAt != null
                    && state.updatedAt.plus(STALLED_AFTER).isBefore(now);
            if (leaseFree && (due || stalled)) {
                next.add(continueEvent(state.platform, state.source, state.step));
                resumed.add(outcome(state, due ? "resume_due" : "resume_stalled"));
            }
        }
        publisher.publish(next);
        return resumed;
    }

    private Step run(String platform, String repository, long step, Instant deadline, Instant leaseUntil, String how) {
        Instant now = clock.instant();
        String lease = UUID.randomUUID().toString();
        Optional<BackfillState> claimed = store.claim(platform, repository, step, lease, leaseUntil, now);
        if (claimed.isEmpty()) {
            LOG.info("backfill {} step {} not taken: done already or in progress", repository, step);
            return outcome(store.state(platform, repository).orElseGet(() -> new BackfillState(platform, repository)),
                    "not_taken");
        }
        BackfillState state = claimed.get();
        state.status = Status.RUNNING;
        state.leaseUntil = leaseUntil;
        PageReader reader = new PageReader(state, github.forRepository(state.source), store, publisher, settings, clock, deadline);
        boolean more = false;
        try {
            reader.openWindow();
            while (!state.cursor.done()) {
                if (clock.instant().plus(settings.pageTime()).isAfter(deadline)) {
                    more = true;
                    break;
                }
                reader.readPage();
                reader.recordSpend();
                state.updatedAt = clock.instant();
                store.save(state, lease, false);
            }
            if (!more) {
                state.status = Status.DONE;
                state.finishedAt = clock.instant();
                state.lastCompletedRunStartedAt = state.runStartedAt;
                state.phasePagesLeft = 0;
                LOG.info("backfill {} done: {} items, {} events, {} pages ({} unchanged), {} requests", repository,
                        state.itemsFetched, state.eventsPublished, state.pages, state.pagesUnchanged, state.requests);
            } else {
                state.step++;
            }
        } catch (GitHubRest.Limited limited) {
            if (limited.secondary() && limited.resumeAt() != null
                    && !limited.resumeAt().isAfter(clock.instant().plus(settings.maxWait()))) {
                // a short wait (secondary limit, back-off) that does not fit this step: the next one waits and goes on
                more = true;
                state.step++;
            } else {
                state.status = Status.WAITING;
                state.resumeAfter = limited.resumeAt() == null ? clock.instant().plus(UNAVAILABLE_PAUSE) : limited.resumeAt();
                LOG.info("backfill {} waits for the rate limit until {}: {}", repository, state.resumeAfter,
                        limited.getMessage());
            }
        } catch (GitHubRest.Unavailable unavailable) {
            state.status = Status.WAITING;
            state.resumeAfter = clock.instant().plus(UNAVAILABLE_PAUSE);
            state.lastError = unavailable.getMessage();
            metrics.failed("unavailable");
            LOG.warn("backfill {} paused until {}: {}", repository, state.resumeAfter, unavailable.getMessage());
        } catch (GitHubRest.Refused | HistoryMapper.MalformedItem refused) {
            state.status = Status.FAILED;
            state.lastError = refused.getMessage();
            metrics.failed("refused");
            LOG.error("backfill {} stopped, checkpoint kept at {} {}: {}", repository, state.cursor.phase(),
                    state.cursor.page(), refused.getMessage());
        } catch (BackfillStore.LeaseLost lost) {
            LOG.warn("backfill {}: {}", repository, lost.getMessage());
            return outcome(state, "lease_lost");
        } catch (RuntimeException unexpected) {
            // DynamoDB or the bus failed: give the lease back with the reason, then fail so Lambda retries this step
            state.lastError = unexpected.getClass().getSimpleName() + ": " + GitHubRestMessages.shorten(unexpected.getMessage());
            saveQuietly(state, lease, reader);
            throw unexpected;
        }
        reader.recordSpend();
        state.updatedAt = clock.instant();
        store.save(state, lease, true);
        if (more) {
            publisher.publish(List.of(continueEvent(platform, repository, state.step)));
        }
        Step result = outcome(state, how, reader);
        metrics.stepped(result);
        return result;
    }

    private void saveQuietly(BackfillState state, String lease, PageReader reader) {
        try {
            reader.recordSpend();
            state.updatedAt = clock.instant();
            store.save(state, lease, true);
        } catch (RuntimeException e) {
            LOG.error("backfill {}: the state could not be saved after a failure either: {}", state.source, e.toString());
        }
    }

    static BusEvent continueEvent(String platform, String repository, long step) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("platform", platform).put("repository", repository).put("step", step);
        return new BusEvent(Sources.BACKFILL, Sources.BACKFILL_CONTINUE, detail.toString());
    }

    private static Step outcome(BackfillState state, String how) {
        return new Step(state.source, how, state.status, state.cursor == null ? null : state.cursor.phase().name().toLowerCase(),
                state.step, 0, 0, 0, 0, state.rateRemaining, state.resumeAfter, state.lastError);
    }

    private static Step outcome(BackfillState state, String how, PageReader reader) {
        return new Step(state.source, how, state.status, state.cursor.phase().name().toLowerCase(), state.step,
                reader.pages(), reader.items(), reader.events(), reader.spend().counted(), state.rateRemaining,
                state.resumeAfter, state.lastError);
    }

    /** Short messages for the state item. */
    static final class GitHubRestMessages {
        private GitHubRestMessages() {
        }

        static String shorten(String text) {
            return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "...";
        }
    }
}
