package com.communitypulse.score;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.score.Plan.Guard;
import com.communitypulse.score.Plan.Put;
import com.communitypulse.score.Plan.Update;
import com.communitypulse.score.Plan.Write;
import com.communitypulse.score.Profile.TierStep;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.FirstContributionEvent;
import com.communitypulse.shared.events.HighImpactEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.events.TierChangedEvent;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public ActionPlanner(Scorer scorer, Duration retention) {
        this.scorer = scorer;
        this.retention = retention;
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
        if (firstForIdentity) {
            events.add(event(FirstContributionEvent.DETAIL_TYPE,
                    new FirstContributionEvent(personId, identity, login, platform, kind, scored).detail()));
        }
        if (from != null) {
            events.add(tierEvent(personId, displayLogin, from, tier, at, reason));
        }
        if (!bot && scorer.isHighImpact(impact)) {
            events.add(event(HighImpactEvent.DETAIL_TYPE, new HighImpactEvent(personId, displayLogin, scored).detail()));
        }

        List<Write> writes = new ArrayList<>();
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("action_id", action.id());
        activity.put("person", personId);
        activity.put("actor", identity);
        activity.put("login", login);
        activity.put("kind", kind);
        activity.put("platform", platform);
        activity.put("type", type);
        activity.put("repo", action.context().repo());
        activity.put("impact", impact);
        activity.put("ts", at);
        activity.put("first", firstForPerson);
        activity.put("thread", action.context().thread());
        activity.put("url", action.context().url());
        activity.put("length", action.context().length());
        activity.put("author_association", action.context().authorAssociation());
        activity.put("config_version", scorer.config().version());
        activity.put(TableKeys.TTL, expiresAt);
        pendingEvents(activity, events);
        writes.add(actionGuard(action.id(), day, sortKey, !events.isEmpty(), expiresAt));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey, activity, Guard.ABSENT));

        Map<String, Object> set = new LinkedHashMap<>();
        set.put("version", person.version() + 1);
        set.put("id", personId);
        set.put("first_seen", min(person.firstSeen(), ts).toString());
        set.put("last_active", max(person.lastActive(), ts).toString());
        set.put("login", displayLogin);
        Map<String, Number> add = new LinkedHashMap<>();
        add.put("score", impact);
        add.put("c_" + type, 1);
        if (!bot) {
            set.put("tier", tier.label());
            set.put("tier_history", history);
            set.put(TableKeys.LB_PK, TableKeys.LB_ALL);
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
                set.put(TableKeys.LB_SCORE, ScoreBreakdown.decayedTotal(person.score().add(impact), tallies,
                        scorer.config().decay(), asOf));
            } else {
                add.put(TableKeys.LB_SCORE, impact);
            }
        }
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        sets.put("identities", Set.of(identity));
        sets.put("acted", Set.of(identity));
        sets.put("platforms", Set.of(platform));
        String loginKey = login == null ? null : platform + "#" + login.toLowerCase(java.util.Locale.ROOT);
        if (loginKey != null) {
            sets.put("logins", Set.of(loginKey));
        }
        writes.add(new Update(TableKeys.person(personId), TableKeys.PROFILE, versionGuard(person), set,
                Map.of("platform", platform, "kind", kind), add, sets));

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
            item.put("identity", identity);
            item.put("login", login);
            item.put("platform", platform);
            writes.add(new Put(TableKeys.login(platform, login), TableKeys.LOGIN, item, Guard.NONE));
        }
        if (from != null) {
            writes.add(tierActivity(ts, action.id(), personId, identity, displayLogin, platform, from, tier, reason, expiresAt));
        }
        return new Plan(writes, day, sortKey, impact, events, bot ? "recorded (bot)" : "scored");
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
                     ContributorStore.PeriodTotals secondaryWeek, ContributorStore.PeriodTotals secondaryMonth) {
        String at = ts.toString();
        String personId = person.id();
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("id", secondary.id());
        stub.put(TableKeys.LINKED_TO, personId);
        stub.put("version", secondary.version() + 1);
        stub.put("platform", action.context().platform());
        stub.put("login", action.actorLogin());
        stub.put("linked_at", at);
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
        set.put("version", person.version() + 1);
        set.put("id", personId);
        Instant firstSeen = min(person.firstSeen(), secondary.firstSeen());
        Instant lastActive = max(person.lastActive(), secondary.lastActive());
        if (firstSeen != null) {
            set.put("first_seen", firstSeen.toString());
            set.put("last_active", lastActive.toString());
        }
        if (login != null) {
            set.put("login", login);
        }
        set.put("tier", merged.label());
        Map<String, Number> add = new LinkedHashMap<>();
        add.put("score", secondary.score());
        // Neither side has acted yet: no leaderboard entry until the person scores.
        if (person.exists() || secondary.score().signum() > 0) {
            set.put(TableKeys.LB_PK, TableKeys.LB_ALL);
            add.put(TableKeys.LB_SCORE, secondary.score());
        }
        secondary.counts().forEach((type, n) -> add.put("c_" + type, n));
        secondary.tallies().forEach(add::put);
        if (scorer.config().decay().enabled() && set.containsKey(TableKeys.LB_PK)) {
            Map<String, Long> tallies = new HashMap<>(person.tallies());
            secondary.tallies().forEach((name, n) -> tallies.merge(name, n, Long::sum));
            add.remove(TableKeys.LB_SCORE);
            set.put(TableKeys.LB_SCORE, ScoreBreakdown.decayedTotal(person.score().add(secondary.score()), tallies,
                    scorer.config().decay(), java.time.YearMonth.from(ts.atZone(ZoneOffset.UTC))));
        }
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        Set<String> identities = new HashSet<>(secondary.identities());
        identities.add(secondary.id());
        identities.add(personId);
        sets.put("identities", identities);
        sets.put("acted", secondary.acted());
        Set<String> platforms = new HashSet<>(secondary.platforms());
        platforms.add(platformOf(personId));
        sets.put("platforms", platforms);
        sets.put("logins", secondary.logins());
        if (merged != start && person.exists()) {
            history.add(new TierStep(merged.label(), at, reason));
            long expiresAt = ts.plus(retention).getEpochSecond();
            extra.add(tierActivity(ts, action.id(), personId, action.actor(), login, action.context().platform(),
                    start, merged, reason, expiresAt));
            events.add(tierEvent(personId, login, start, merged, at, reason));
        }
        set.put("tier_history", history);
        extra.add(1, new Update(TableKeys.person(personId), TableKeys.PROFILE, versionGuard(person), set,
                Map.of("platform", platformOf(personId), "kind", CommunityAction.USER), add, sets));
        String week = TableKeys.weekSortKey(TableKeys.isoWeek(ts));
        String month = TableKeys.monthSortKey(TableKeys.month(ts));
        if (present(secondaryWeek)) {
            extra.add(new Plan.Delete(TableKeys.person(secondary.id()), week, Guard.NONE));
        }
        if (present(secondaryMonth)) {
            extra.add(new Plan.Delete(TableKeys.person(secondary.id()), month, Guard.NONE));
            long expiresAt = ts.plus(retention).getEpochSecond();
            extra.add(period(personId, month, TableKeys.monthBoard(TableKeys.month(ts)), login, platformOf(personId),
                    CommunityAction.USER, merged, secondaryMonth.score(), expiresAt, null));
        }
        Board board = new Board(login, platformOf(personId), merged, secondaryWeek);
        return linkPlan(action, ts, personId, "linked to " + personId, extra, events, board);
    }

    /** What a link moves into the person's WEEK# item: the secondary's score and days of that week. */
    private record Board(String login, String platform, Tier tier, ContributorStore.PeriodTotals moved) {
    }

    private static boolean present(ContributorStore.PeriodTotals totals) {
        return totals.score().signum() > 0 || !totals.days().isEmpty();
    }

    private Plan linkPlan(CommunityAction action, Instant ts, String personId, String result,
                          List<Write> extra, List<BusEvent> events, Board board) {
        String at = ts.toString();
        String sortKey = TableKeys.activitySortKey(at, action.id());
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("action_id", action.id());
        activity.put("person", personId);
        activity.put("actor", action.actor());
        activity.put("login", action.actorLogin());
        activity.put("kind", CommunityAction.USER);
        activity.put("platform", action.context().platform());
        activity.put("type", action.context().type());
        activity.put("impact", BigDecimal.ZERO);
        activity.put("ts", at);
        activity.put("first", false);
        activity.put("target", action.context().target());
        activity.put("link_result", result);
        activity.put(TableKeys.TTL, ts.plus(retention).getEpochSecond());
        pendingEvents(activity, events);
        List<Write> writes = new ArrayList<>();
        writes.add(actionGuard(action.id(), ts.atZone(ZoneOffset.UTC).toLocalDate().toString(), sortKey,
                !events.isEmpty(), ts.plus(retention).getEpochSecond()));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey, activity, Guard.ABSENT));
        writes.addAll(extra);
        // The day goes on the WEEK# item so erasure finds this activity item too; a link also moves
        // the secondary's score and days of this week there.
        String week = TableKeys.isoWeek(ts);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put(TableKeys.TTL, ts.plus(retention).getEpochSecond());
        Map<String, Number> add = new LinkedHashMap<>();
        Set<String> days = new HashSet<>(Set.of(ts.atZone(ZoneOffset.UTC).toLocalDate().toString()));
        if (board != null) {
            days.addAll(board.moved().days());
            if (board.moved().score().signum() > 0) {
                set.put("login", board.login());
                set.put("platform", board.platform());
                set.put("kind", CommunityAction.USER);
                set.put("tier", board.tier().label());
                set.put(TableKeys.LB_PK, TableKeys.weekBoard(week));
                add.put("score", board.moved().score());
                add.put(TableKeys.LB_SCORE, board.moved().score());
            }
        }
        writes.add(new Update(TableKeys.person(personId), TableKeys.weekSortKey(week), Guard.NONE,
                set, Map.of("id", personId), add, Map.of("days", days)));
        return new Plan(writes, ts.atZone(ZoneOffset.UTC).toLocalDate().toString(), sortKey, BigDecimal.ZERO,
                events, result);
    }

    private static Update period(String personId, String sk, String board, String login, String platform, String kind,
                                 Tier tier, BigDecimal impact, long expiresAt, String day) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", personId);
        set.put("login", login);
        set.put("platform", platform);
        set.put("kind", kind);
        set.put(TableKeys.TTL, expiresAt);
        Map<String, Number> add = new LinkedHashMap<>();
        add.put("score", impact);
        if (tier != null) {
            set.put("tier", tier.label());
            set.put(TableKeys.LB_PK, board);
            add.put(TableKeys.LB_SCORE, impact);
        }
        Map<String, Set<String>> sets = day == null ? Map.of() : Map.of("days", Set.of(day));
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
        ifAbsent.put("thread", thread);
        ifAbsent.put("platform", action.context().platform());
        if (action.context().repo() != null) {
            ifAbsent.put("repo", action.context().repo());
        }
        if (OPENS.contains(type)) {
            set.put(TableKeys.TTL, expiresAt);
            set.put("opened_at", at);
            set.put("author", action.actor());
            if (action.actorLogin() != null) {
                set.put("author_login", action.actorLogin());
            }
            if (action.context().url() != null) {
                set.put("url", action.context().url());
            }
        } else if (RESPONSES.contains(type) && !bot && !action.actor().equals(action.context().threadAuthor())) {
            ifAbsent.put(TableKeys.TTL, expiresAt);
            ifAbsent.put("first_response_at", at);
            ifAbsent.put("first_responder", action.actor());
            if (action.context().threadAuthor() != null) {
                ifAbsent.put("author", action.context().threadAuthor());
            }
        } else {
            return null;
        }
        return new Update(TableKeys.thread(thread), "THREAD", Guard.NONE, set, ifAbsent, Map.of(), Map.of());
    }

    /**
     * The action's guard, keyed by its id alone: a copy timed at arrival has another timestamp, so another
     * activity key, and this item is what still finds it. It points at the activity item, for the copy.
     */
    static Put actionGuard(String actionId, String day, String sortKey, boolean hasEvents, long expiresAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("day", day);
        item.put("activity_sk", sortKey);
        item.put("has_events", hasEvents);
        item.put(TableKeys.TTL, expiresAt);
        return new Put(TableKeys.action(actionId), TableKeys.ACTION, item, Guard.ABSENT);
    }

    static Put tierActivity(Instant ts, String actionId, String personId, String identity, String login,
                                    String platform, Tier from, Tier to, String reason, long expiresAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("action_id", actionId);
        item.put("person", personId);
        item.put("actor", identity);
        item.put("login", login);
        item.put("kind", CommunityAction.USER);
        item.put("platform", platform);
        item.put("type", TableKeys.TIER_CHANGED);
        item.put("from_tier", from.label());
        item.put("to_tier", to.label());
        item.put("reason", reason);
        item.put("impact", BigDecimal.ZERO);
        item.put("ts", ts.toString());
        item.put(TableKeys.TTL, expiresAt);
        return new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()),
                TableKeys.activitySortKey(ts.toString(), actionId) + ".tier", item, Guard.NONE);
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

    /** Stores the events on the activity item until they are confirmed published. */
    static void pendingEvents(Map<String, Object> activity, List<BusEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Map<String, String>> stored = new ArrayList<>();
        for (BusEvent e : events) {
            Map<String, String> m = new HashMap<>();
            m.put("source", e.source());
            m.put("detail_type", e.detailType());
            m.put("detail", e.detail());
            stored.add(m);
        }
        try {
            activity.put(TableKeys.EVENTS, Json.mapper().writeValueAsString(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        activity.put(TableKeys.EVENTS_PUBLISHED, false);
    }

    static List<BusEvent> readPendingEvents(String json) {
        try {
            List<BusEvent> events = new ArrayList<>();
            for (var node : Json.mapper().readTree(json)) {
                events.add(new BusEvent(node.path("source").asText(), node.path("detail_type").asText(),
                        node.path("detail").asText()));
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored events are not valid JSON", e);
        }
    }

    static Guard versionGuard(Profile profile) {
        return profile.exists() ? new Guard.Version(profile.version()) : Guard.ABSENT;
    }

    static String platformOf(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static java.time.YearMonth max(java.time.YearMonth a, java.time.YearMonth b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
