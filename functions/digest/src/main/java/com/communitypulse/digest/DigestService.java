package com.communitypulse.digest;

import com.communitypulse.digest.domain.DigestChart;
import com.communitypulse.digest.domain.DigestMime;
import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.digest.platform.SesDigestMailer;
import com.communitypulse.digest.store.DigestLedgerStore;
import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.IngestCounts;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.ResponseDebt;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and sends one week's digest: claim the week, read the window, compute, render, send, mark sent.
 * A failed send releases the claim and rethrows, so the scheduler's retry starts clean; a week being sent
 * by another live invocation throws too (it is not sent yet).
 */
public final class DigestService {
    private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);

    /** SES accepts at most 50 recipients per message. */
    public static final int MAX_RECIPIENTS = 50;

    private final DigestStore store;
    private final DigestLedgerStore ledger;
    private final SesDigestMailer mailer;
    private final InternetAddress sender;
    private final List<InternetAddress> recipients;
    private final Clock clock;
    private final Duration responseTarget;
    private final BigDecimal highImpactAbove;

    public DigestService(DigestStore store, DigestLedgerStore ledger, SesDigestMailer mailer,
                         InternetAddress sender, List<InternetAddress> recipients, Clock clock) {
        this(store, ledger, mailer, sender, recipients, clock, ResponseDebt.DEFAULT_TARGET);
    }

    /** @param responseTarget how long a first-timer's thread may wait for a human reply before it is response debt */
    public DigestService(DigestStore store, DigestLedgerStore ledger, SesDigestMailer mailer,
                         InternetAddress sender, List<InternetAddress> recipients, Clock clock, Duration responseTarget) {
        this(store, ledger, mailer, sender, recipients, clock, responseTarget,
                ScoringConfig.defaults().highImpactThreshold());
    }

    /** @param highImpactAbove the scoring config's {@code high_impact_threshold}, the one the scorer publishes by */
    public DigestService(DigestStore store, DigestLedgerStore ledger, SesDigestMailer mailer, InternetAddress sender,
                         List<InternetAddress> recipients, Clock clock, Duration responseTarget, BigDecimal highImpactAbove) {
        if (responseTarget.isNegative() || responseTarget.isZero()) {
            throw new IllegalArgumentException("the response target must be positive, got " + responseTarget);
        }
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("DIGEST_RECIPIENTS must list 1 to " + MAX_RECIPIENTS
                    + " addresses (SES's limit per message; use a mailing list for more), got " + recipients.size());
        }
        this.store = store;
        this.ledger = ledger;
        this.mailer = mailer;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.clock = clock;
        this.responseTarget = responseTarget;
        this.highImpactAbove = highImpactAbove;
    }

    /**
     * A run's request: the trigger time, optionally a named week and/or force, and how long the invocation
     * has left (Lambda's {@code Context.getRemainingTimeInMillis()}): the week's claim is held that long,
     * plus {@link #LEASE_GRACE}, so the claim of an invocation that timed out or crashed is free again when
     * Lambda retries (about 1, then 3 minutes later).
     */
    public record Request(Instant time, Optional<String> week, boolean force, Duration remaining) {
        public Request {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(remaining, "remaining");
        }

        /** Without a Lambda context (previews, benchmarks): the template's 300 s timeout. */
        public Request(Instant time, Optional<String> week, boolean force) {
            this(time, week, force, DEFAULT_TIMEOUT);
        }
    }

    /** The template's {@code Timeout} of the digest function. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Past the invocation's end, for clock skew between hosts; far below the minute before Lambda's first retry. */
    static final Duration LEASE_GRACE = Duration.ofSeconds(30);

    public enum Status { SENT, SKIPPED_ALREADY_SENT }

    public record Result(Status status, String week, Optional<String> messageId) {
    }

    public Result run(Request request) {
        IsoWeek week = request.week().map(IsoWeek::parse).orElseGet(() -> IsoWeek.endedBefore(request.time()));
        if (week.end().isAfter(request.time())) {
            throw new IllegalArgumentException("week " + week.id() + " has not ended by " + request.time()
                    + "; a digest covers a finished week");
        }
        var outcome = ledger.claim(week.id(), clock.instant(),
                clock.instant().plus(request.remaining()).plus(LEASE_GRACE), request.force());
        if (outcome instanceof DigestLedgerStore.Refused refused) {
            if (refused.reason() == DigestLedgerStore.Refusal.IN_PROGRESS) {
                // another live send may still fail: not a success. Throw, so Lambda retries and finally dead-letters.
                AttributeValue until = refused.record().get("lease_until");
                throw new DigestInProgressException("Digest for " + week.id() + " is being sent by another invocation"
                        + (until == null ? "" : " until " + Instant.ofEpochMilli(Long.parseLong(until.n()))) + "; to be retried");
            }
            LOG.info("Digest for {} not sent: {}", week.id(), refused.reason());
            return new Result(Status.SKIPPED_ALREADY_SENT, week.id(), Optional.empty());
        }
        var claim = ((DigestLedgerStore.Claimed) outcome).claim();
        String messageId;
        int recipientCount = recipients.size();
        try {
            byte[] mime = compose(week, request.time());
            messageId = mailer.send(mime, sender.getAddress(),
                    recipients.stream().map(InternetAddress::getAddress).toList());
        } catch (RuntimeException e) {
            LOG.warn("Digest for {} failed, releasing the claim so a retry can send it: {}", week.id(), e.toString());
            ledger.release(claim);
            throw e;
        }
        // Sent: from here on a failure must not release the claim, or a retry would mail it twice.
        try {
            ledger.markSent(claim, messageId, clock.instant(), recipientCount);
        } catch (RuntimeException e) {
            // Not thrown: a retry would send the week again. The claim's lease keeps other triggers off meanwhile.
            LOG.error("Digest for {} was sent (message id {}) but could not be marked sent: {}", week.id(), messageId, e.toString());
        }
        LOG.info("Digest for {} sent to {} recipients, message id {}", week.id(), recipientCount, messageId);
        return new Result(Status.SENT, week.id(), Optional.of(messageId));
    }

    /** Reads the window and renders the MIME message; visible for the preview and tests. */
    byte[] compose(IsoWeek week, Instant asOf) {
        DigestFigures figures = figures(week, asOf);
        Optional<String> ingest = store.ingest(week.id()).map(IngestCounts::line);
        return DigestMime.build(DigestRenderer.content(figures, DigestChart::png, ingest), sender, recipients, asOf, week.id());
    }

    /**
     * One read of the 90 days to the week's end (one Query per day, 90 in all; it holds the weekly figures'
     * 35 days and the response debt's 28), one batch of THREAD items (the week's threads and the first-timers'
     * threads of the 28 days) and one of profiles (their authors and responders, plus linked identities' persons).
     */
    public DigestFigures figures(IsoWeek week, Instant asOf) {
        LocalDate from = BusFactor.firstDay(week.end());
        LocalDate weeklyFrom = week.minusWeeks(FigureCalculator.WEEKS_BEFORE).monday();
        var window = store.activity(from.isBefore(weeklyFrom) ? from : weeklyFrom, week.sunday());
        Set<String> threadIds = new LinkedHashSet<>();
        window.stream().filter(a -> a.thread() != null && week.contains(a.ts()) && !a.isBot())
                .forEach(a -> threadIds.add(a.thread()));
        Set<String> firstTimerThreads = ResponseDebt.firstTimerOpenings(window, week.end()).keySet();
        threadIds.addAll(firstTimerThreads);
        var threads = store.threads(threadIds);
        Set<String> identities = new LinkedHashSet<>(DigestStore.identities(threads.values()));
        identities.addAll(ResponseDebt.personsToResolve(window, firstTimerThreads));
        var profiles = store.profiles(identities);
        return FigureCalculator.compute(week, asOf, responseTarget, highImpactAbove, window, threads, profiles);
    }
}
