package com.communitypulse.score.domain;

import static com.communitypulse.score.domain.ActionPlanner.*;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.score.domain.Profile.TierStep;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plans for {@code identity_linked} actions: a link that is refused or already made records only its
 * activity item; a link moves the secondary identity's totals into the person's profile.
 */
final class LinkPlanner {
    private final Scorer scorer;
    private final Duration retention;
    private final java.util.function.ToLongFunction<Instant> guardExpiresAt;

    LinkPlanner(Scorer scorer, Duration retention, java.util.function.ToLongFunction<Instant> guardExpiresAt) {
        this.scorer = scorer;
        this.retention = retention;
        this.guardExpiresAt = guardExpiresAt;
    }

    /**
     * An {@code identity_linked} action that links nothing (refused, or already linked): only the
     * activity item is written, with {@code link_result} saying why.
     */
    public Plan linkRecordOnly(CommunityAction action, Instant ts, String personId, String result) {
        return linkPlan(action, ts, personId, result, List.of(), List.of(), null);
    }

    /**
     * Links the actor (the secondary identity, not linked to anyone, with no identities of its own
     * besides itself) into {@code person}'s profile: the actor's PROFILE becomes a stub
     * {@code linked_to}, and its totals (score, counts, first/last seen, identities, logins, tier)
     * are added to the person's, both guarded by their versions. The secondary's WEEK# and MONTH#
     * items of the link's week and month move into the person's (the boards the API serves); older
     * period items stay as they were.
     */
    public Plan link(CommunityAction action, Instant ts, Profile secondary, Profile person,
                     PeriodTotals secondaryWeek, PeriodTotals secondaryMonth) {
        String at = ts.toString();
        String personId = person.id();
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put(LinkItem.ID, secondary.id());
        stub.put(LinkItem.LINKED_TO, personId);
        stub.put(LinkItem.VERSION, secondary.version() + 1);
        stub.put(LinkItem.PLATFORM, action.context().platform());
        stub.put(LinkItem.LOGIN, action.actorLogin());
        stub.put(LinkItem.LINKED_AT, at);
        Write stubPut = new Put(TableKeys.person(secondary.id()), TableKeys.PROFILE, stub, versionGuard(secondary));

        Tier personTier = Tier.fromLabel(person.tier());
        Tier secondaryTier = Tier.fromLabel(secondary.tier());
        Tier start = personTier == null ? (secondaryTier == null ? Tier.USER : secondaryTier) : personTier;
        Tier merged = start.max(secondaryTier);
        List<TierStep> history = new ArrayList<>(person.exists() && !person.tierHistory().isEmpty()
                ? person.tierHistory() : secondary.tierHistory());
        if (history.isEmpty()) {
            history.add(new TierStep(start.label(), at, "identity_linked"));
        }
        String reason = "identity_linked " + secondary.id();
        String login = person.login() != null ? person.login() : action.actorLogin();
        List<BusEvent> events = new ArrayList<>();
        List<Write> extra = new ArrayList<>();
        extra.add(stubPut);

        Map<String, Object> set = new LinkedHashMap<>();
        set.put(ProfileItem.VERSION, person.version() + 1);
        set.put(ProfileItem.ID, personId);
        Instant firstSeen = min(person.firstSeen(), secondary.firstSeen());
        Instant lastActive = max(person.lastActive(), secondary.lastActive());
        if (firstSeen != null) {
            set.put(ProfileItem.FIRST_SEEN, firstSeen.toString());
            set.put(ProfileItem.LAST_ACTIVE, lastActive.toString());
        }
        if (login != null) {
            set.put(ProfileItem.LOGIN, login);
        }
        set.put(ProfileItem.TIER, merged.label());
        Map<String, Number> add = new LinkedHashMap<>();
        add.put(ProfileItem.SCORE, secondary.score());
        // Neither side has acted yet: no leaderboard entry until the person scores.
        if (person.exists() || secondary.score().signum() > 0) {
            set.put(ProfileItem.LB_PK, TableKeys.LB_ALL);
            add.put(ProfileItem.LB_SCORE, secondary.score());
        }
        secondary.counts().forEach((type, n) -> add.put(ProfileItem.count(type), n));
        secondary.tallies().forEach(add::put);
        if (scorer.config().decay().enabled() && set.containsKey(ProfileItem.LB_PK)) {
            Map<String, Long> tallies = new HashMap<>(person.tallies());
            secondary.tallies().forEach((name, n) -> tallies.merge(name, n, Long::sum));
            add.remove(ProfileItem.LB_SCORE);
            set.put(ProfileItem.LB_SCORE, ScoreBreakdown.decayedTotal(person.score().add(secondary.score()),
                    tallies, scorer.config().decay(), java.time.YearMonth.from(ts.atZone(ZoneOffset.UTC))));
        }
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        Set<String> identities = new HashSet<>(secondary.identities());
        identities.add(secondary.id());
        identities.add(personId);
        sets.put(ProfileItem.IDENTITIES, identities);
        sets.put(ProfileItem.ACTED, secondary.acted());
        Set<String> platforms = new HashSet<>(secondary.platforms());
        platforms.add(platformOf(personId));
        sets.put(ProfileItem.PLATFORMS, platforms);
        sets.put(ProfileItem.LOGINS, secondary.logins());
        if (merged != start && person.exists()) {
            history.add(new TierStep(merged.label(), at, reason));
            long expiresAt = ts.plus(retention).getEpochSecond();
            extra.add(tierActivity(ts, action.id(), personId, action.actor(), login, action.context().platform(),
                    start, merged, reason, expiresAt));
            events.add(tierEvent(personId, login, start, merged, at, reason));
        }
        set.put(ProfileItem.TIER_HISTORY, history);
        extra.add(1, new Update(TableKeys.person(personId), TableKeys.PROFILE, versionGuard(person), set,
                Map.of(ProfileItem.PLATFORM, platformOf(personId), ProfileItem.KIND, CommunityAction.USER),
                add, sets));
        String week = TableKeys.weekSortKey(TableKeys.isoWeek(ts));
        String month = TableKeys.monthSortKey(TableKeys.month(ts));
        // what an unlink puts back: each side's own profile, and the secondary's periods moved here
        extra.add(OwnRecords.snapshot(secondary));
        if (person.identities().size() <= 1) {
            extra.add(OwnRecords.snapshot(person));
        }
        if (secondaryWeek.present()) {
            extra.add(new Plan.Delete(TableKeys.person(secondary.id()), week, Guard.NONE));
            extra.add(OwnRecords.periodSnapshot(secondary.id(), week, TableKeys.weekBoard(TableKeys.isoWeek(ts)),
                    secondary, secondaryWeek));
        }
        if (secondaryMonth.present()) {
            extra.add(new Plan.Delete(TableKeys.person(secondary.id()), month, Guard.NONE));
            extra.add(OwnRecords.periodSnapshot(secondary.id(), month, TableKeys.monthBoard(TableKeys.month(ts)),
                    secondary, secondaryMonth));
            long expiresAt = ts.plus(retention).getEpochSecond();
            extra.add(period(personId, month, TableKeys.monthBoard(TableKeys.month(ts)), login, platformOf(personId),
                    CommunityAction.USER, merged, secondaryMonth.score(), expiresAt, null));
        }
        Board board = new Board(login, platformOf(personId), merged, secondaryWeek);
        return linkPlan(action, ts, personId, "linked to " + personId, extra, events, board);
    }

    /** What a link moves into the person's WEEK# item: the secondary's score and days of that week. */
    private record Board(String login, String platform, Tier tier, PeriodTotals moved) {
    }

    private Plan linkPlan(CommunityAction action, Instant ts, String personId, String result,
                          List<Write> extra, List<BusEvent> events, Board board) {
        String at = ts.toString();
        String sortKey = TableKeys.activitySortKey(at, action.id());
        Map<String, Object> activity = activity(action, ts, personId, result);
        PendingEvents.attach(activity, events);
        List<Write> writes = new ArrayList<>();
        writes.add(actionGuard(action.id(), ts.atZone(ZoneOffset.UTC).toLocalDate().toString(), sortKey,
                !events.isEmpty(), guardExpiresAt.applyAsLong(ts)));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey, activity, Guard.ABSENT));
        writes.addAll(extra);
        // The day goes on the WEEK# item so erasure finds this activity item too; a link also moves
        // the secondary's score and days of this week there.
        String week = TableKeys.isoWeek(ts);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put(PeriodItem.EXPIRES_AT, ts.plus(retention).getEpochSecond());
        Map<String, Number> add = new LinkedHashMap<>();
        Set<String> days = new HashSet<>(Set.of(ts.atZone(ZoneOffset.UTC).toLocalDate().toString()));
        if (board != null) {
            days.addAll(board.moved().days());
            if (board.moved().score().signum() > 0) {
                set.put(PeriodItem.LOGIN, board.login());
                set.put(PeriodItem.PLATFORM, board.platform());
                set.put(PeriodItem.KIND, CommunityAction.USER);
                set.put(PeriodItem.TIER, board.tier().label());
                set.put(PeriodItem.LB_PK, TableKeys.weekBoard(week));
                add.put(PeriodItem.SCORE, board.moved().score());
                add.put(PeriodItem.LB_SCORE, board.moved().score());
            }
        }
        writes.add(new Update(TableKeys.person(personId), TableKeys.weekSortKey(week), Guard.NONE,
                set, Map.of(PeriodItem.ID, personId), add, Map.of(PeriodItem.DAYS, days)));
        return new Plan(writes, ts.atZone(ZoneOffset.UTC).toLocalDate().toString(), sortKey, BigDecimal.ZERO,
                events, result);
    }

    /** The activity item of a link or unlink action: who, what, the result, and for an admin's, who asked and why. */
    Map<String, Object> activity(CommunityAction action, Instant ts, String personId, String result) {
        String at = ts.toString();
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put(ActivityItem.ACTION_ID, action.id());
        activity.put(ActivityItem.PERSON, personId);
        activity.put(ActivityItem.ACTOR, action.actor());
        activity.put(ActivityItem.LOGIN, action.actorLogin());
        activity.put(ActivityItem.KIND, CommunityAction.USER);
        activity.put(ActivityItem.PLATFORM, action.context().platform());
        activity.put(ActivityItem.TYPE, action.context().type());
        activity.put(ActivityItem.IMPACT, BigDecimal.ZERO);
        activity.put(ActivityItem.TS, at);
        activity.put(ActivityItem.FIRST, false);
        activity.put(ActivityItem.TARGET, action.context().target());
        activity.put(ActivityItem.LINK_RESULT, result);
        // an admin's link (POST /admin/identities/link) says who asked and why; others carry neither
        activity.put(ActivityItem.BY, action.context().by());
        activity.put(ActivityItem.WHY, action.context().why());
        activity.put(ActivityItem.EXPIRES_AT, ts.plus(retention).getEpochSecond());
        return activity;
    }
}
