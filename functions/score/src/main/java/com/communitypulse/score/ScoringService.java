package com.communitypulse.score;

import com.communitypulse.score.domain.ActionPlanner;
import com.communitypulse.score.domain.OwnPeriod;
import com.communitypulse.score.domain.PeriodTotals;
import com.communitypulse.score.domain.Plan;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.ContributorStore;
import com.communitypulse.score.store.Suggestions;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one {@code community.action}: read the profile (one GetItem; two for a linked identity),
 * plan, write everything in one transaction guarded by the action's activity item and the
 * profile's version, then publish the events that transaction decided.
 *
 * <p>Event guarantee: events are decided exactly once (by the transaction that recorded the action)
 * and published at least once. They are stored on the activity item with {@code events_published =
 * false} in that same transaction; after PutEvents succeeds the flag is set. If publishing fails the
 * invocation throws, and the redelivery (finding the action recorded) publishes the stored events
 * again. A crash between PutEvents and the flag update can therefore publish twice; consumers
 * de-duplicate (the welcome function claims {@code WELCOME#} once).
 */
public final class ScoringService {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    static final int MAX_ATTEMPTS = 100;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern IDENTITY = Pattern.compile("[a-z][a-z0-9_-]{0,31}:[^\\s]{1,200}");

    /** What happened to one action. */
    public record Result(boolean recorded, String note, java.math.BigDecimal impact, List<BusEvent> published, int attempts) {
    }

    private final ContributorStore store;
    private final EventPublisher publisher;
    private final ActionPlanner planner;
    private final Scorer scorer;
    private final Suggestions suggestions;
    private final ScoreMetrics metrics;

    public ScoringService(ContributorStore store, EventPublisher publisher, Scorer scorer, Duration retention) {
        this(store, publisher, scorer, retention, Suggestions.NONE, ScoreMetrics.NONE);
    }

    /** With the link suggestions written after a new login is recorded, and where their failures are counted. */
    public ScoringService(ContributorStore store, EventPublisher publisher, Scorer scorer, Duration retention,
                          Suggestions suggestions, ScoreMetrics metrics) {
        this.store = store;
        this.publisher = publisher;
        this.planner = new ActionPlanner(scorer, retention);
        this.scorer = scorer;
        this.suggestions = suggestions;
        this.metrics = metrics;
    }

    /** A plan and the person it was made on, for what follows the commit. */
    private record Planned(Plan plan, Profile person) {
    }

    public Result handle(CommunityAction action) {
        Instant ts = validate(action);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Planned planned = plan(action, ts);
            Plan plan = planned.plan();
            try {
                store.record(plan);
            } catch (ContributorStore.AlreadyRecorded recorded) {
                if (!recorded.pending().isEmpty()) {
                    publisher.publish(recorded.pending());
                    store.markPublished(recorded.day(), recorded.sortKey());
                }
                LOG.info("action {} already recorded; {} pending event(s) published again", action.id(), recorded.pending().size());
                return new Result(false, "already recorded", plan.impact(), recorded.pending(), attempt);
            } catch (ContributorStore.Contention contention) {
                backOff(attempt);
                continue;
            }
            // before the events: a PutEvents failure is retried as "already recorded", which suggests nothing
            suggest(action, planned.person());
            if (!plan.events().isEmpty()) {
                publisher.publish(plan.events());
                store.markPublished(plan.day(), plan.sortKey());
            }
            LOG.info("action {} type {} {} impact {} events {}", action.id(), action.context().type(), plan.note(),
                    plan.impact(), plan.events().size());
            return new Result(true, plan.note(), plan.impact(), plan.events(), attempt);
        }
        throw new IllegalStateException("action " + action.id() + ": the profile kept changing for "
                + MAX_ATTEMPTS + " attempts; giving up so the invocation is retried");
    }

    private Planned plan(CommunityAction action, Instant ts) {
        Profile identityItem = store.profile(action.actor());
        Profile person = identityItem.isLink() ? store.profile(identityItem.linkedTo()) : identityItem;
        String type = action.context().type();
        if (ActionTypes.CRM_ID_SET.equals(type)) {
            return new Planned(planner.crmId(action, ts, person), person);
        }
        if (ActionTypes.IDENTITY_UNLINKED.equals(type)) {
            return new Planned(planUnlink(action, ts, identityItem, person), person);
        }
        if (!ActionTypes.IDENTITY_LINKED.equals(type)) {
            Plan plan = planner.score(action, ts, identityItem, person);
            // a person with linked identities: each keeps its own records too, so an unlink can give them back
            if (person.identities().size() > 1 && !scorer.isBot(action)) {
                Profile own = store.own(action.actor());
                if (own.exists()) {
                    plan = planner.withOwnRecords(plan, action, ts, own, identityItem.isLink());
                }
            }
            return new Planned(plan, person);
        }
        return new Planned(planLink(action, ts, identityItem, person), person);
    }

    /**
     * {@code identity_unlinked}: the actor, a linked identity, leaves its person with its own records (docs/admin.md,
     * Unlinking). An identity linked for more than {@link ActionPlanner#UNLINK_PERIODS_PER_TRANSACTION} periods has
     * the rest moved back first, a transaction per step; each step deletes the parts it moves on condition they are
     * still there, so a retried invocation goes on where the last stopped.
     */
    private Plan planUnlink(CommunityAction action, Instant ts, Profile stub, Profile person) {
        String identity = action.actor();
        if (!stub.isLink()) {
            return planner.linkRecordOnly(action, ts, person.id(), "refused: " + identity + " is not linked to anyone");
        }
        List<Profile> owns = new ArrayList<>();
        owns.add(store.own(identity));
        owns.add(store.own(person.id()));
        for (String other : person.identities()) {
            if (!other.equals(identity) && !other.equals(person.id())) {
                owns.add(store.own(other));
            }
        }
        for (Profile own : owns) {
            if (!own.exists()) {
                return planner.linkRecordOnly(action, ts, person.id(), "refused: " + own.id() + " has no record of "
                        + "its own (linked before links kept them), so " + identity + " cannot be unlinked exactly");
            }
        }
        List<OwnPeriod> parts = store.ownPeriods(identity);
        int steps = 0;
        while (parts.size() > ActionPlanner.UNLINK_PERIODS_PER_TRANSACTION) {
            if (++steps > MAX_ATTEMPTS) {
                throw new IllegalStateException("unlink " + action.id() + ": its periods kept changing; retried later");
            }
            List<OwnPeriod> step = parts.subList(0,
                    ActionPlanner.UNLINK_PERIODS_PER_TRANSACTION);
            try {
                store.record(planner.unlinkStep(identity, person.id(), step, personPeriods(person.id(), step)));
            } catch (ContributorStore.Contention moved) {
                // a part gone already (an earlier attempt's step): read them again
            }
            parts = store.ownPeriods(identity);
        }
        return planner.unlink(action, ts, stub, owns.get(0), parts, person, owns.subList(1, owns.size()),
                personPeriods(person.id(), parts));
    }

    private Map<String, PeriodTotals> personPeriods(
            String person, List<OwnPeriod> parts) {
        Map<String, PeriodTotals> periods = new HashMap<>();
        for (var part : parts) {
            periods.put(part.periodSortKey(), store.period(person, part.periodSortKey()));
        }
        return periods;
    }

    /**
     * After an ordinary action by a person (not a bot) recorded a login its person did not have (the transaction put
     * its {@code LOGIN#} item), suggest the people with the same login elsewhere; after any such action whose context
     * carries a hint (a GitHub profile linked, an e-mail hash), the people it points at. Outside the transaction and
     * after it: a failure here is logged and counted, and the action stays recorded.
     */
    private void suggest(CommunityAction action, Profile person) {
        String type = action.context().type();
        String login = action.actorLogin();
        // the scorer's bot test (actor_kind, [bot] logins), as the plan's
        if (login == null || scorer.isBot(action) || CommunityAction.BOT.equals(person.kind())
                || ActionTypes.ADMIN.contains(type) || ActionTypes.IDENTITY_LINKED.equals(type)) {
            return;
        }
        String platform = action.context().platform();
        boolean newLogin = !person.logins().contains(platform + "#" + login.toLowerCase(java.util.Locale.ROOT));
        if (!newLogin && !Suggestions.hasHints(action.context())) {
            return;
        }
        try {
            int written = Suggestions.hasHints(action.context()) ? suggestions.fromContext(action, person) : 0;
            metrics.suggestionsWritten(newLogin ? written + suggestions.newLogin(action.actor(), platform, login, person) : written);
        } catch (RuntimeException e) {
            LOG.warn("action {}: link suggestions for a new login not written ({}); the action is recorded",
                    action.id(), e.toString());
            metrics.suggestionFailed();
        }
    }

    /** {@code identity_linked}: the actor joins the person of {@code context.target}. */
    private Plan planLink(CommunityAction action, Instant ts, Profile actorItem, Profile actorPerson) {
        String target = action.context().target();
        if (target == null || !IDENTITY.matcher(target).matches()) {
            return planner.linkRecordOnly(action, ts, actorPerson.id(),
                    "refused: context.target must be platform:id or platform:@login, got " + target);
        }
        String targetIdentity = target;
        int colon = target.indexOf(':');
        if (target.startsWith("@", colon + 1)) {
            String platform = target.substring(0, colon);
            var resolved = store.identityForLogin(platform, target.substring(colon + 2));
            if (resolved.isEmpty()) {
                return planner.linkRecordOnly(action, ts, actorPerson.id(), "refused: login " + target + " not seen yet");
            }
            targetIdentity = resolved.get();
        }
        Profile targetItem = store.profile(targetIdentity);
        Profile targetPerson = targetItem.isLink() ? store.profile(targetItem.linkedTo()) : targetItem;
        if (targetPerson.id().equals(actorPerson.id())) {
            return planner.linkRecordOnly(action, ts, actorPerson.id(), "already linked to " + targetPerson.id());
        }
        if (actorItem.isLink()) {
            return planner.linkRecordOnly(action, ts, actorPerson.id(),
                    "refused: " + action.actor() + " is already linked to " + actorItem.linkedTo());
        }
        if (actorItem.identities().size() > 1) {
            return planner.linkRecordOnly(action, ts, actorPerson.id(),
                    "refused: " + action.actor() + " already has linked identities; link them from the other side");
        }
        if (CommunityAction.BOT.equals(actorItem.kind()) || CommunityAction.BOT.equals(targetPerson.kind())
                || action.isBot()) {
            return planner.linkRecordOnly(action, ts, actorPerson.id(), "refused: bots are not linked");
        }
        var week = store.period(actorItem.id(), com.communitypulse.shared.store.TableKeys.weekSortKey(
                com.communitypulse.shared.store.TableKeys.isoWeek(ts)));
        var month = store.period(actorItem.id(), com.communitypulse.shared.store.TableKeys.monthSortKey(
                com.communitypulse.shared.store.TableKeys.month(ts)));
        return planner.link(action, ts, actorItem, targetPerson, week, month);
    }

    /** Bad input is not retryable: it throws a clear message, so the event ends in the DLQ, not lost. */
    static Instant validate(CommunityAction action) {
        if (action == null) {
            throw new InvalidActionException("detail is missing");
        }
        if (action.id() == null || action.id().isBlank() || action.id().length() > 256) {
            throw new InvalidActionException("id must be 1..256 characters");
        }
        if (action.actor() == null || !IDENTITY.matcher(action.actor()).matches()
                || action.actor().startsWith("@", action.actor().indexOf(':') + 1)) {
            throw new InvalidActionException("actor must be platform:id, e.g. github:583231; got " + action.actor());
        }
        if (action.context() == null || action.context().platform() == null || action.context().platform().isBlank()) {
            throw new InvalidActionException("context.platform is missing");
        }
        if (action.context().type() == null || !TYPE.matcher(action.context().type()).matches()) {
            throw new InvalidActionException("context.type must match " + TYPE.pattern() + "; got " + action.context().type());
        }
        if (action.context().length() != null && action.context().length() < 0) {
            throw new InvalidActionException("context.length must be >= 0");
        }
        if (action.timestamp() == null) {
            throw new InvalidActionException("timestamp is missing");
        }
        try {
            return OffsetDateTime.parse(action.timestamp()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidActionException("timestamp must be ISO-8601 with an offset, e.g. 2026-11-20T10:00:00Z; got "
                    + action.timestamp());
        }
    }

    /** Exponential back-off with full jitter (5 ms doubling, at most 200 ms), so contenders spread out. */
    private static void backOff(int attempt) {
        try {
            long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    /** The detail is not a valid community.action: retrying cannot help. */
    public static final class InvalidActionException extends IllegalArgumentException {
        public InvalidActionException(String message) {
            super("invalid community.action: " + message);
        }
    }
}
