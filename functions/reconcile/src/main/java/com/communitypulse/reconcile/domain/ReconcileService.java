package com.communitypulse.reconcile.domain;

import com.communitypulse.reconcile.ReconcileConfig;
import com.communitypulse.reconcile.ReconcileMetrics;
import com.communitypulse.reconcile.platform.GitHubDeliveries;
import com.communitypulse.reconcile.platform.GitHubDeliveries.GitHubApiException;
import com.communitypulse.reconcile.platform.GitHubDeliveries.RateLimitedException;
import com.communitypulse.reconcile.platform.GitHubDeliveries.Redelivery;
import com.communitypulse.reconcile.store.ReconcileStore;
import com.communitypulse.shared.store.TableKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub never redelivers a failed webhook delivery by itself: a delivery that failed while the stack was
 * down, throttled or mis-configured is lost unless someone asks GitHub to send it again, which is possible
 * for about 3 days. Each run, for every configured hook:
 * <ol>
 * <li>lists the hook's deliveries of the look-back window (newest first, 100 a page, at most
 *     {@code maxPages} pages);</li>
 * <li>counts the deliveries not counted before (newer than the hook's checkpoint) into their ISO week:
 *     {@code seen}, and {@code failed} for those GitHub recorded as failed;</li>
 * <li>for each delivery (GUID) none of whose attempts succeeded, skipping pings: if the webhook function
 *     has claimed it, it reached us (a slow answer GitHub took for a failure); if the reconciler redelivered
 *     it before and it has now arrived (claimed, or a later attempt answered 2xx), it is {@code recovered},
 *     once; after {@code maxAttempts} redeliveries, or when GitHub refuses one (4xx), it is {@code lost}, once;
 *     else GitHub is asked to redeliver it, oldest first, within the run's budget of requests.</li>
 * </ol>
 * Rate limiting (on listing or redelivering) ends the run's GitHub calls without failing it: what is left
 * is found again by the next run, inside the window. Any other failure to list a hook (GitHub 5xx,
 * unreachable, token refused) fails the run after the other hooks are done, so Lambda retries it and the
 * failure is seen (errors alarm, dead-letter queue); nothing is marked or counted for that hook.
 */
public class ReconcileService {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileService.class);
    static final String RECOVERED = "recovered";
    static final String LOST = "lost";
    /** A redelivery asked for less than this ago is not asked for again (a run retried by Lambda a minute later). */
    static final java.time.Duration REDELIVERY_SETTLES = java.time.Duration.ofMinutes(15);

    private final ReconcileConfig config;
    private final GitHubDeliveries github;
    private final ReconcileStore store;
    private final ReconcileMetrics metrics;
    private final Clock clock;

    public ReconcileService(ReconcileConfig config, GitHubDeliveries github, ReconcileStore store, ReconcileMetrics metrics,
                            Clock clock) {
        this.config = config;
        this.github = github;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one run did, summed over the hooks. */
    public record Summary(int hooks, int listed, int seen, int missing, int alreadyClaimed, int redeliveryRequested,
                          int recovered, int lost, int deferred, boolean rateLimited, List<String> failedHooks) {
    }

    private final class Run {
        final Instant now = clock.instant();
        int budget = config.maxRedeliveries();
        boolean rateLimited;
        int listed;
        int seen;
        int missing;
        int claimed;
        int requested;
        int recovered;
        int lost;
        int deferred;
        final List<String> failed = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
    }

    public Summary run() {
        Run run = new Run();
        if (config.hooks().isEmpty()) {
            LOG.info("GitHub reconciler: no hooks configured (GITHUB_RECONCILE_HOOKS is empty), nothing to do");
            return summary(run);
        }
        for (Hook hook : config.hooks()) {
            if (run.rateLimited) {
                LOG.warn("GitHub reconciler: hook {} left for the next run, GitHub's rate limit is spent", hook);
                continue;
            }
            try {
                reconcile(hook, run);
            } catch (RateLimitedException e) {
                run.rateLimited = true;
                LOG.warn("GitHub reconciler: {}; the rest waits for the next run", e.getMessage());
            } catch (GitHubApiException e) {
                run.failed.add(hook.id());
                run.failures.add(e.getMessage());
                LOG.error("GitHub reconciler: {}", e.getMessage());
            }
        }
        Summary summary = summary(run);
        metrics.ran(summary); // also when a hook failed: what the others did is counted
        LOG.info("GitHub reconciler: {}", summary);
        if (!run.failed.isEmpty()) {
            throw new ReconcileFailedException("GitHub reconciler could not list deliveries of " + run.failed
                    + " (nothing was marked or counted for them; the run is retried): " + String.join("; ", run.failures));
        }
        return summary;
    }

    private Summary summary(Run run) {
        return new Summary(config.hooks().size(), run.listed, run.seen, run.missing, run.claimed, run.requested,
                run.recovered, run.lost, run.deferred, run.rateLimited, List.copyOf(run.failed));
    }

    private void reconcile(Hook hook, Run run) {
        Instant since = run.now.minus(config.lookback());
        GitHubDeliveries.Listing listing = github.list(hook, since, config.maxPages());
        run.listed += listing.deliveries().size();
        if (!listing.complete()) {
            LOG.warn("GitHub reconciler: hook {} has more deliveries in the window than {} pages of {}; the older ones "
                    + "are not read this run (raise RECONCILE_MAX_PAGES)", hook, config.maxPages(), GitHubDeliveries.PER_PAGE);
        }
        countSeen(hook, listing, run);

        // attempts by GUID, and the GUIDs worth a look: nothing succeeded, or a redelivery succeeded (ours, maybe)
        Map<String, List<Delivery>> byGuid = new LinkedHashMap<>();
        for (Delivery d : listing.deliveries()) {
            if (!"ping".equals(d.event())) {
                byGuid.computeIfAbsent(d.guid(), g -> new ArrayList<>()).add(d);
            }
        }
        List<String> unsucceeded = new ArrayList<>();
        List<String> redeliveredOk = new ArrayList<>();
        byGuid.forEach((guid, attempts) -> {
            if (attempts.stream().noneMatch(Delivery::succeeded)) {
                unsucceeded.add(guid);
            } else if (attempts.stream().anyMatch(a -> a.redelivery() && a.succeeded())) {
                redeliveredOk.add(guid);
            }
        });
        List<String> lookups = new ArrayList<>(unsucceeded);
        lookups.addAll(redeliveredOk);
        if (lookups.isEmpty()) {
            return;
        }
        Map<String, ReconcileStore.Known> known = store.known(hook.hookId(), lookups);

        for (String guid : redeliveredOk) {
            ReconcileStore.Marker marker = known.get(guid).marker();
            if (marker != null && marker.outcome() == null
                    && store.settle(hook.hookId(), guid, week(marker, byGuid.get(guid)), RECOVERED, run.now)) {
                run.recovered++;
            }
        }

        // oldest first: those closest to GitHub's 3-day limit get the budget first
        unsucceeded.sort(Comparator.comparing(guid -> earliest(byGuid.get(guid))));
        boolean unavailable = false;
        for (String guid : unsucceeded) {
            List<Delivery> attempts = byGuid.get(guid);
            ReconcileStore.Known k = known.get(guid);
            ReconcileStore.Marker marker = k.marker();
            String week = week(marker, attempts);
            if (k.claim() != null && k.claim().reachedUs(run.now)) {
                run.claimed++;
                if (marker != null && marker.outcome() == null && !k.claim().inProgress(run.now)
                        && store.settle(hook.hookId(), guid, week, RECOVERED, run.now)) {
                    run.recovered++;
                }
                continue;
            }
            if (marker != null && marker.outcome() != null) {
                continue; // settled before: lost (a recovered one has a claim or a 2xx attempt)
            }
            run.missing++;
            if (marker != null && marker.attempts() >= config.maxAttempts()) {
                if (store.settle(hook.hookId(), guid, week, LOST, run.now)) {
                    run.lost++;
                    LOG.warn("GitHub reconciler: delivery {} of hook {} ({}) still failed after {} redeliveries; counted lost",
                            guid, hook, attempts.get(0).event(), marker.attempts());
                }
                continue;
            }
            if (marker != null && marker.requestedAt() != null
                    && marker.requestedAt().isAfter(run.now.minus(REDELIVERY_SETTLES))) {
                continue; // asked for a moment ago (a retried run): give GitHub time to send it
            }
            if (run.rateLimited || unavailable || run.budget <= 0) {
                run.deferred++;
                continue;
            }
            Delivery newest = attempts.get(0);
            Redelivery answer = github.redeliver(hook, newest.id());
            switch (answer.kind()) {
                case ACCEPTED -> {
                    run.budget--;
                    run.requested++;
                    store.requested(hook.hookId(), guid, week, run.now);
                    LOG.info("GitHub reconciler: asked GitHub to redeliver {} of hook {} ({}, last answer {} {})",
                            guid, hook, newest.event(), newest.statusCode(), newest.status());
                }
                case RATE_LIMITED -> {
                    run.rateLimited = true;
                    run.deferred++;
                    LOG.warn("GitHub reconciler: redelivery of {} of hook {} rate limited ({}); the rest waits for the next run",
                            guid, hook, answer.message());
                }
                case UNAVAILABLE -> {
                    unavailable = true;
                    run.deferred++;
                    LOG.warn("GitHub reconciler: redelivery of {} of hook {} failed (HTTP {}: {}); the rest of the hook "
                            + "waits for the next run", guid, hook, answer.status(), answer.message());
                }
                case REFUSED -> {
                    run.budget--;
                    if (store.settle(hook.hookId(), guid, week, LOST, run.now)) {
                        run.lost++;
                    }
                    LOG.warn("GitHub reconciler: GitHub refused to redeliver {} of hook {} (HTTP {}: {}); counted lost",
                            guid, hook, answer.status(), answer.message());
                }
                default -> throw new IllegalStateException(answer.kind().name());
            }
        }
    }

    /** Counts the original deliveries newer than the hook's checkpoint into their weeks, and moves the checkpoint. */
    private void countSeen(Hook hook, GitHubDeliveries.Listing listing, Run run) {
        Optional<Instant> mark = store.mark(hook);
        Map<String, int[]> weeks = new TreeMap<>();
        Instant newMark = mark.orElse(null);
        int seen = 0;
        for (Delivery d : listing.deliveries()) {
            if (d.redelivery() || "ping".equals(d.event()) || (mark.isPresent() && !d.deliveredAt().isAfter(mark.get()))) {
                continue;
            }
            int[] counts = weeks.computeIfAbsent(TableKeys.isoWeek(d.deliveredAt()), w -> new int[2]);
            counts[0]++;
            if (!d.succeeded()) {
                counts[1]++;
            }
            seen++;
            if (newMark == null || d.deliveredAt().isAfter(newMark)) {
                newMark = d.deliveredAt();
            }
        }
        if (seen == 0) {
            return;
        }
        Map<String, ReconcileStore.WeekCounts> counts = new LinkedHashMap<>();
        weeks.forEach((week, c) -> counts.put(week, new ReconcileStore.WeekCounts(c[0], c[1])));
        if (store.recordSeen(hook, mark, newMark, counts, !listing.complete(), run.now)) {
            run.seen += seen;
        } else {
            LOG.warn("GitHub reconciler: hook {}'s checkpoint moved meanwhile (a concurrent run); its counts are left to it", hook);
        }
    }

    private static Instant earliest(List<Delivery> attempts) {
        return attempts.stream().map(Delivery::deliveredAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static String week(ReconcileStore.Marker marker, List<Delivery> attempts) {
        if (marker != null && marker.week() != null) {
            return marker.week();
        }
        Delivery original = attempts.stream().filter(a -> !a.redelivery()).findFirst().orElse(null);
        return TableKeys.isoWeek(original != null ? original.deliveredAt() : earliest(attempts));
    }

    /** The run could not list one or more hooks; Lambda retries the run. */
    public static class ReconcileFailedException extends RuntimeException {
        public ReconcileFailedException(String message) {
            super(message);
        }
    }
}
