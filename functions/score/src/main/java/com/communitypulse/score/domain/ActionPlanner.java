package com.communitypulse.score.domain;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.score.domain.Profile.TierStep;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.FirstContributionEvent;
import com.communitypulse.shared.events.HighImpactEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.events.TierChangedEvent;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.ActionGuardItem;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.ItemAttributes.ThreadItem;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an action and the profiles read before it into a {@link Plan}: the pure decisions
 * (impact, first contribution, tier change, which items change) with no I/O, so they are
 * tested without DynamoDB and re-made from fresh reads when a profile changed meanwhile.
 */
public final class ActionPlanner {
    /** Types that open a thread (an issue, PR, discussion or topic). */
    static final Set<String> OPENS = Set.of(ActionTypes.PR_OPENED, ActionTypes.ISSUE_OPENED,
            ActionTypes.DISCUSSION_OPENED, ActionTypes.TOPIC_CREATED);
    /** Types that answer in a thread, for time to first response. */
    static final Set<String> RESPONSES = Set.of(ActionTypes.COMMENT, ActionTypes.REPLY_GIVEN,
            ActionTypes.REVIEW_COMMENT, ActionTypes.PR_REVIEWED, ActionTypes.MESSAGE_POSTED);

    private final Scorer scorer;
    private final Duration retention;
    private final Clock clock;
    private final LinkPlanner links;
    private final CrmIdPlanner crmIds;
    private final UnlinkPlanner unlinks;

    public ActionPlanner(Scorer scorer, Duration retention) {
        this(scorer, retention, Clock.systemUTC());
    }

    public ActionPlanner(Scorer scorer, Duration retention, Clock clock) {
        this.scorer = scorer;
        this.retention = retention;
        this.clock = clock;
        this.links = new LinkPlanner(scorer, retention, this::guardExpiresAt);
        this.crmIds = new CrmIdPlanner(retention, this::guardExpiresAt);
        this.unlinks = new UnlinkPlanner(scorer, links, retention, this::guardExpiresAt);
    }

    /**
     * When an action's guard may go: {@code RETENTION_DAYS} after the action or after now, whichever is later.
     * Its activity goes {@code RETENTION_DAYS} after the action, but a backfilled action older than that would
     * otherwise lose its guard at once, and a second run or a late redelivery would count it again.
     */
    long guardExpiresAt(Instant ts) {
        Instant now = clock.instant();
        return (ts.isAfter(now) ? ts : now).plus(retention).getEpochSecond();
    }

    /**
     * An ordinary action.
     *
     * @param identityItem the actor's own PROFILE item (a link stub when the actor is linked)
     * @param person       the person's PROFILE item ({@code identityItem} itself when not linked)
     */
    public Plan score(CommunityAction action, Instant ts, Profile identityItem, Profile person) {
        String identity = action.actor();
        String personId = person.id();
        String type = action.context().type();
        String platform = action.context().platform();
        String login = action.actorLogin();
        String at = ts.toString();
        boolean bot = scorer.isBot(action);
        BigDecimal impact = scorer.impact(action);
        CommunityAction scored = action.withContext(action.context().withImpactScore(impact.doubleValue()));
        String day = ts.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String sortKey = TableKeys.activitySortKey(at, action.id());
        long expiresAt = ts.plus(retention).getEpochSecond();

        boolean firstForIdentity = !bot && !person.acted().contains(identity);
        boolean firstForPerson = !bot && person.acted().isEmpty();

        Tier tier = null;
        Tier from = null;
        String reason = null;
        List<TierStep> history = new ArrayList<>(person.tierHistory());
        if (!bot) {
            Tier current = Tier.fromLabel(person.tier());
            Tier start = current == null ? Tier.USER : current;
            if (current == null) {
                history.add(new TierStep(Tier.USER.label(), at, "first action (" + type + ")"));
            }
            Scorer.TierEvidence evidence = scorer.tierEvidence(action);
            tier = start.max(evidence.tier());
            if (tier != start) {
                from = start;
                reason = evidence.reason();
                history.add(new TierStep(tier.label(), at, reason));
            }
        }
        // The person's display login: the primary identity's; a linked identity never renames the person.
        String displayLogin = identity.equals(personId) && login != null ? login
                : person.login() != null ? person.login() : login;
        String kind = bot ? CommunityAction.BOT : CommunityAction.USER;

        List<BusEvent> events = new ArrayList<>();
        // history (the backfill's, context.origin = backfill) is recorded, so its people are known, but greets nobody
        boolean greets = !action.context().isHistory();
        if (greets && firstForIdentity) {
            events.add(event(FirstContributionEvent.DETAIL_TYPE,
                    new FirstContributionEvent(personId, identity, login, platform, kind, scored).detail()));
        }
        if (greets && from != null) {
            events.add(tierEvent(personId, displayLogin, from, tier, at, reason));
        }
        if (greets && !bot && scorer.isHighImpact(impact)) {
            events.add(event(HighImpactEvent.DETAIL_TYPE, new HighImpactEvent(personId, displayLogin, scored).detail()));
        }

        List<Write> writes = new ArrayList<>();
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put(ActivityItem.ACTION_ID, action.id());
        activity.put(ActivityItem.PERSON, personId);
        activity.put(ActivityItem.ACTOR, identity);
        activity.put(ActivityItem.LOGIN, login);
        activity.put(ActivityItem.KIND, kind);
        activity.put(ActivityItem.PLATFORM, platform);
        activity.put(ActivityItem.TYPE, type);
        activity.put(ActivityItem.REPO, action.context().repo());
        activity.put(ActivityItem.IMPACT, impact);
        activity.put(ActivityItem.TS, at);
        activity.put(ActivityItem.FIRST, firstForPerson);
        activity.put(ActivityItem.THREAD, action.context().thread());
        activity.put(ActivityItem.URL, action.context().url());
        activity.put(ActivityItem.LENGTH, action.context().length());
        activity.put(ActivityItem.AUTHOR_ASSOCIATION, action.context().authorAssociation());
        activity.put(ActivityItem.CONFIG_VERSION, scorer.config().version());
        activity.put(ActivityItem.EXPIRES_AT, expiresAt);
        PendingEvents.attach(activity, events);
        writes.add(actionGuard(action.id(), day, sortKey, !events.isEmpty(), guardExpiresAt(ts)));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey, activity, Guard.ABSENT));

        Map<String, Object> set = new LinkedHashMap<>();
        set.put(ProfileItem.VERSION, person.version() + 1);
        set.put(ProfileItem.ID, personId);
        set.put(ProfileItem.FIRST_SEEN, min(person.firstSeen(), ts).toString());
        set.put(ProfileItem.LAST_ACTIVE, max(person.lastActive(), ts).toString());
        set.put(ProfileItem.LOGIN, displayLogin);
        Map<String, Number> add = new LinkedHashMap<>();
        add.put(ProfileItem.SCORE, impact);
        add.put(ProfileItem.count(type), 1);
        if (!bot) {
            set.put(ProfileItem.TIER, tier.label());
            set.put(ProfileItem.TIER_HISTORY, history);
            set.put(ProfileItem.LB_PK, TableKeys.LB_ALL);
            java.time.YearMonth month = java.time.YearMonth.from(ts.atZone(ZoneOffset.UTC));
            String tally = impact.signum() > 0
                    ? ScoreBreakdown.attribute(month, platform, type, impact) : null;
            if (tally != null) {
                add.put(tally, 1);
            }
            if (scorer.config().decay().enabled()) {
                // the all-time board ranks the decayed total, as of the later of this action's and the last month
                Map<String, Long> tallies = new HashMap<>(person.tallies());
                if (tally != null) {
                    tallies.merge(tally, 1L, Long::sum);
                }
                java.time.YearMonth asOf = person.lastActive() == null ? month
                        : max(month, java.time.YearMonth.from(person.lastActive().atZone(ZoneOffset.UTC)));
                set.put(ProfileItem.LB_SCORE, ScoreBreakdown.decayedTotal(person.score().add(impact), tallies,
                        scorer.config().decay(), asOf));
            } else {
                add.put(ProfileItem.LB_SCORE, impact);
            }
        }
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        sets.put(ProfileItem.IDENTITIES, Set.of(identity));
        sets.put(ProfileItem.ACTED, Set.of(identity));
        sets.put(ProfileItem.PLATFORMS, Set.of(platform));
        String loginKey = login == null ? null : platform + "#" + login.toLowerCase(java.util.Locale.ROOT);
        if (loginKey != null) {
            sets.put(ProfileItem.LOGINS, Set.of(loginKey));
        }
        writes.add(new Update(TableKeys.person(personId), TableKeys.PROFILE, versionGuard(person), set,
                Map.of(ProfileItem.PLATFORM, platform, ProfileItem.KIND, kind), add, sets));

        String week = TableKeys.isoWeek(ts);
        writes.add(period(personId, TableKeys.weekSortKey(week), TableKeys.weekBoard(week), displayLogin,
                person.platform() == null ? platform : person.platform(), kind, tier, impact, expiresAt, day));
        if (!bot) {
            String month = TableKeys.month(ts);
            writes.add(period(personId, TableKeys.monthSortKey(month), TableKeys.monthBoard(month), displayLogin,
                    person.platform() == null ? platform : person.platform(), kind, tier, impact, expiresAt, null));
        }
        Write thread = thread(action, at, bot, expiresAt);
        if (thread != null) {
            writes.add(thread);
        }
        if (loginKey != null && !person.logins().contains(loginKey)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(LoginItem.IDENTITY, identity);
            item.put(LoginItem.LOGIN, login);
            item.put(LoginItem.PLATFORM, platform);
            writes.add(new Put(TableKeys.login(platform, login), TableKeys.LOGIN, item, Guard.NONE));
        }
        if (from != null) {
            writes.add(tierActivity(ts, action.id(), personId, identity, displayLogin, platform, from, tier, reason, expiresAt));
        }
        return new Plan(writes, day, sortKey, impact, events, bot ? "recorded (bot)" : "scored");
    }

    /**
     * {@code plan} (an ordinary action of a person with linked identities) with the actor's own records kept too: the
     * action planned again on its {@code own} profile as if it had never been linked, written to its {@code OWN} item
     * and, for a linked identity ({@code periods}), its {@code OWN#} period parts. See {@link OwnRecords}.
     */
    public Plan withOwnRecords(Plan plan, CommunityAction action, Instant ts, Profile own, boolean periods) {
        List<Write> writes = new ArrayList<>(plan.writes());
        writes.addAll(OwnRecords.from(score(action, ts, own, own), action.actor(), periods));
        return new Plan(writes, plan.day(), plan.sortKey(), plan.impact(), plan.events(), plan.note());
    }

    /** The unlink of {@code stub}'s identity from {@code person}: see {@link UnlinkPlanner#unlink}. */
    public Plan unlink(CommunityAction action, Instant ts, Profile stub, Profile own, List<OwnPeriod> parts,
                       Profile person, List<Profile> remaining, Map<String, PeriodTotals> personPeriods) {
        return unlinks.unlink(action, ts, stub, own, parts, person, remaining, personPeriods);
    }

    /** A step of a long unlink: see {@link UnlinkPlanner#step}. */
    public Plan unlinkStep(String identity, String personId, List<OwnPeriod> parts, Map<String, PeriodTotals> personPeriods) {
        return unlinks.step(identity, personId, parts, personPeriods);
    }

    /** Period parts an unlink moves in one transaction; more go first in steps. */
    public static final int UNLINK_PERIODS_PER_TRANSACTION = UnlinkPlanner.PERIODS_PER_TRANSACTION;

    /** A {@code crm_id_set} action on {@code person}: see {@link CrmIdPlanner}. */
    public Plan crmId(CommunityAction action, Instant ts, Profile person) {
        return crmIds.plan(action, ts, person);
    }

    /** An {@code identity_linked} action that links nothing: see {@link LinkPlanner#linkRecordOnly}. */
    public Plan linkRecordOnly(CommunityAction action, Instant ts, String personId, String result) {
        return links.linkRecordOnly(action, ts, personId, result);
    }

    /** Links the actor into {@code person}'s profile: see {@link LinkPlanner#link}. */
    public Plan link(CommunityAction action, Instant ts, Profile secondary, Profile person,
                     PeriodTotals secondaryWeek, PeriodTotals secondaryMonth) {
        return links.link(action, ts, secondary, person, secondaryWeek, secondaryMonth);
    }

    static Update period(String personId, String sk, String board, String login, String platform, String kind,
                                 Tier tier, BigDecimal impact, long expiresAt, String day) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put(PeriodItem.ID, personId);
        set.put(PeriodItem.LOGIN, login);
        set.put(PeriodItem.PLATFORM, platform);
        set.put(PeriodItem.KIND, kind);
        set.put(PeriodItem.EXPIRES_AT, expiresAt);
        Map<String, Number> add = new LinkedHashMap<>();
        add.put(PeriodItem.SCORE, impact);
        if (tier != null) {
            set.put(PeriodItem.TIER, tier.label());
            set.put(PeriodItem.LB_PK, board);
            add.put(PeriodItem.LB_SCORE, impact);
        }
        Map<String, Set<String>> sets = day == null ? Map.of() : Map.of(PeriodItem.DAYS, Set.of(day));
        return new Update(TableKeys.person(personId), sk, Guard.NONE, set, Map.of(), add, sets);
    }

    /**
     * The THREAD item: an opening action sets who opened it and when; the first response by
     * someone other than the author (and not a bot) is kept with if_not_exists, so the first one
     * recorded wins. It expires with the activity item that wrote it (the opening one's, once
     * known): erasure reaches a thread only through its people's activity items, so a thread must
     * never outlive them.
     */
    private static Update thread(CommunityAction action, String at, boolean bot, long expiresAt) {
        String thread = action.context().thread();
        String type = action.context().type();
        if (thread == null) {
            return null;
        }
        Map<String, Object> set = new LinkedHashMap<>();
        Map<String, Object> ifAbsent = new LinkedHashMap<>();
        ifAbsent.put(ThreadItem.THREAD, thread);
        ifAbsent.put(ThreadItem.PLATFORM, action.context().platform());
        if (action.context().repo() != null) {
            ifAbsent.put(ThreadItem.REPO, action.context().repo());
        }
        if (OPENS.contains(type)) {
            set.put(ThreadItem.EXPIRES_AT, expiresAt);
            set.put(ThreadItem.OPENED_AT, at);
            set.put(ThreadItem.AUTHOR, action.actor());
            if (action.actorLogin() != null) {
                set.put(ThreadItem.AUTHOR_LOGIN, action.actorLogin());
            }
            if (action.context().url() != null) {
                set.put(ThreadItem.URL, action.context().url());
            }
        } else if (RESPONSES.contains(type) && !bot && !action.actor().equals(action.context().threadAuthor())) {
            ifAbsent.put(ThreadItem.EXPIRES_AT, expiresAt);
            ifAbsent.put(ThreadItem.FIRST_RESPONSE_AT, at);
            ifAbsent.put(ThreadItem.FIRST_RESPONDER, action.actor());
            if (action.context().threadAuthor() != null) {
                ifAbsent.put(ThreadItem.AUTHOR, action.context().threadAuthor());
            }
        } else {
            return null;
        }
        return new Update(TableKeys.thread(thread), TableKeys.THREAD, Guard.NONE, set, ifAbsent, Map.of(), Map.of());
    }

    /**
     * The action's guard, keyed by its id alone: a copy timed at arrival has another timestamp, so another
     * activity key, and this item is what still finds it. It points at the activity item, for the copy.
     */
    static Put actionGuard(String actionId, String day, String sortKey, boolean hasEvents, long expiresAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(ActionGuardItem.DAY, day);
        item.put(ActionGuardItem.ACTIVITY_SK, sortKey);
        item.put(ActionGuardItem.HAS_EVENTS, hasEvents);
        item.put(ActionGuardItem.EXPIRES_AT, expiresAt);
        return new Put(TableKeys.action(actionId), TableKeys.ACTION, item, Guard.ABSENT);
    }

    static Put tierActivity(Instant ts, String actionId, String personId, String identity, String login,
                                    String platform, Tier from, Tier to, String reason, long expiresAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(ActivityItem.ACTION_ID, actionId);
        item.put(ActivityItem.PERSON, personId);
        item.put(ActivityItem.ACTOR, identity);
        item.put(ActivityItem.LOGIN, login);
        item.put(ActivityItem.KIND, CommunityAction.USER);
        item.put(ActivityItem.PLATFORM, platform);
        item.put(ActivityItem.TYPE, TableKeys.TIER_CHANGED);
        item.put(ActivityItem.FROM_TIER, from.label());
        item.put(ActivityItem.TO_TIER, to.label());
        item.put(ActivityItem.REASON, reason);
        item.put(ActivityItem.IMPACT, BigDecimal.ZERO);
        item.put(ActivityItem.TS, ts.toString());
        item.put(ActivityItem.EXPIRES_AT, expiresAt);
        return new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()),
                TableKeys.activitySortKey(ts.toString(), actionId) + ActivityItem.TIER_CHANGE_SUFFIX, item, Guard.NONE);
    }

    static BusEvent tierEvent(String personId, String login, Tier from, Tier to, String at, String reason) {
        return event(TierChangedEvent.DETAIL_TYPE,
                new TierChangedEvent(personId, login, from.label(), to.label(), at, reason).detail());
    }

    private static BusEvent event(String detailType, ObjectNode detail) {
        try {
            return new BusEvent(Sources.SCORE, detailType, Json.mapper().writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Guard versionGuard(Profile profile) {
        return profile.exists() ? new Guard.Version(profile.version()) : Guard.ABSENT;
    }

    static String platformOf(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon);
    }

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static java.time.YearMonth max(java.time.YearMonth a, java.time.YearMonth b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
