package com.communitypulse.score.domain;

import static com.communitypulse.score.domain.ActionPlanner.actionGuard;
import static com.communitypulse.score.domain.ActionPlanner.max;
import static com.communitypulse.score.domain.ActionPlanner.min;
import static com.communitypulse.score.domain.ActionPlanner.versionGuard;

import com.communitypulse.score.domain.Plan.Delete;
import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.score.domain.Profile.TierStep;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plans of an {@code identity_unlinked} action: the linked identity gets back its own records (its {@code OWN}
 * profile and {@code OWN#} period parts, kept since the link as if it had never been linked), and the person loses
 * exactly them: its profile becomes its own again (or, with other identities still linked, theirs and its own
 * combined), its periods give back the identity's parts.
 */
final class UnlinkPlanner {
    /**
     * Period parts moved in one transaction (3 writes each, under DynamoDB's 100 with the unlink's own); an identity
     * linked longer moves the rest first, a step at a time ({@link #step}).
     */
    static final int PERIODS_PER_TRANSACTION = 30;

    private final Scorer scorer;
    private final LinkPlanner links;
    private final java.time.Duration retention;
    private final java.util.function.ToLongFunction<Instant> guardExpiresAt;

    UnlinkPlanner(Scorer scorer, LinkPlanner links, java.time.Duration retention,
                  java.util.function.ToLongFunction<Instant> guardExpiresAt) {
        this.scorer = scorer;
        this.links = links;
        this.retention = retention;
        this.guardExpiresAt = guardExpiresAt;
    }

    /**
     * One step of a long unlink: moves {@code parts} (at most {@link #PERIODS_PER_TRANSACTION}) back from the person to
     * the identity, each part deleted on condition it is still there, so a step repeated changes nothing.
     */
    Plan step(String identity, String personId, List<OwnPeriod> parts, Map<String, PeriodTotals> personPeriods) {
        List<Write> writes = new ArrayList<>();
        for (OwnPeriod part : parts) {
            writes.addAll(movePeriod(identity, personId, part, personPeriods.getOrDefault(part.periodSortKey(),
                    PeriodTotals.NONE), Set.of(), null));
        }
        return new Plan(writes, null, null, BigDecimal.ZERO, List.of(), "unlink step: " + parts.size() + " period(s)");
    }

    /**
     * The unlink itself, with the last {@code parts} (at most {@link #PERIODS_PER_TRANSACTION}).
     *
     * @param stub      the identity's PROFILE, a link stub
     * @param own       the identity's own profile ({@code OWN})
     * @param person    the person's PROFILE
     * @param remaining the {@code OWN} profiles of the identities the person keeps, its own first
     */
    Plan unlink(CommunityAction action, Instant ts, Profile stub, Profile own, List<OwnPeriod> parts, Profile person,
                List<Profile> remaining, Map<String, PeriodTotals> personPeriods) {
        String identity = stub.id();
        String personId = person.id();
        String at = ts.toString();
        String day = ts.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String sortKey = TableKeys.activitySortKey(at, action.id());
        List<Write> writes = new ArrayList<>();
        writes.add(actionGuard(action.id(), day, sortKey, false, guardExpiresAt.applyAsLong(ts)));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey,
                links.activity(action, ts, personId, "unlinked from " + personId), Guard.ABSENT));

        // the identity: its own profile back, on the board again; its OWN item gone (guarded: an action of the
        // identity meanwhile changed it, and the unlink is planned again)
        Map<String, Object> restored = OwnRecords.attributes(own);
        restored.put(ProfileItem.VERSION, stub.version() + 1);
        board(restored, own);
        writes.add(new Put(TableKeys.person(identity), TableKeys.PROFILE, restored, versionGuard(stub)));
        writes.add(new Delete(TableKeys.person(identity), TableKeys.OWN, versionGuard(own)));

        // the person: its own (and the others') records, without the identity's
        Profile kept = remaining.size() == 1 ? remaining.get(0) : combine(remaining, person, identity, at);
        writes.add(personUpdate(person, kept));
        if (remaining.size() == 1) {
            writes.add(new Delete(TableKeys.person(kept.id()), TableKeys.OWN, versionGuard(kept)));
        }

        // the periods; the unlink's own day goes on the person's week, so erasure finds its activity item
        String week = TableKeys.weekSortKey(TableKeys.isoWeek(ts));
        boolean weekMoved = false;
        for (OwnPeriod part : parts) {
            boolean thisWeek = part.periodSortKey().equals(week);
            weekMoved |= thisWeek;
            writes.addAll(movePeriod(identity, personId, part, personPeriods.getOrDefault(part.periodSortKey(),
                    PeriodTotals.NONE), thisWeek ? Set.of(day) : Set.of(), thisWeek ? ts : null));
        }
        if (!weekMoved) {
            writes.add(new Update(TableKeys.person(personId), week, Guard.NONE,
                    Map.of(PeriodItem.EXPIRES_AT, ts.plus(retention).getEpochSecond()),
                    Map.of(PeriodItem.ID, personId), Map.of(), Map.of(PeriodItem.DAYS, Set.of(day))));
        }
        return new Plan(writes, day, sortKey, BigDecimal.ZERO, List.of(), "unlinked " + identity + " from " + personId);
    }

    /**
     * One period part back: added to the identity's own period item (which a backfill may have started before the
     * link), deleted as a part, taken off the person's item. The person's {@code days} keep the identity's days (a
     * superset, which erasure only reads): a day both acted on cannot be told apart.
     */
    private List<Write> movePeriod(String identity, String personId, OwnPeriod part, PeriodTotals personPeriod,
                                   Set<String> unlinkDay, Instant unlinkAt) {
        List<Write> writes = new ArrayList<>();
        String sk = part.periodSortKey();
        Map<String, Object> set = new LinkedHashMap<>();
        set.put(PeriodItem.ID, identity);
        set.put(PeriodItem.LOGIN, part.login());
        set.put(PeriodItem.PLATFORM, part.platform());
        set.put(PeriodItem.KIND, part.kind());
        set.put(PeriodItem.TIER, part.tier());
        set.put(PeriodItem.EXPIRES_AT, part.expiresAt());
        Map<String, Number> add = new LinkedHashMap<>();
        add.put(PeriodItem.SCORE, part.score());
        if (part.board() != null) {
            set.put(PeriodItem.LB_PK, part.board());
            add.put(PeriodItem.LB_SCORE, part.score());
        }
        writes.add(new Update(TableKeys.person(identity), sk, Guard.NONE, set, Map.of(), add,
                part.days().isEmpty() ? Map.of() : Map.of(PeriodItem.DAYS, part.days())));
        writes.add(new Delete(TableKeys.person(identity), TableKeys.ownPeriod(sk), Guard.EXISTS));

        BigDecimal left = personPeriod.score().subtract(part.score());
        boolean nothingLeft = left.signum() == 0 && part.days().containsAll(personPeriod.days()) && unlinkDay.isEmpty();
        if (nothingLeft) {
            writes.add(new Delete(TableKeys.person(personId), sk, Guard.NONE));
        } else {
            Map<String, Object> personSet = new LinkedHashMap<>();
            if (unlinkAt != null) {
                personSet.put(PeriodItem.EXPIRES_AT, unlinkAt.plus(retention).getEpochSecond());
            }
            Map<String, Number> subtract = new LinkedHashMap<>();
            if (part.score().signum() != 0) {
                subtract.put(PeriodItem.SCORE, part.score().negate());
                subtract.put(PeriodItem.LB_SCORE, part.score().negate());
            }
            writes.add(new Update(TableKeys.person(personId), sk, Guard.NONE, personSet, Map.of(PeriodItem.ID, personId),
                    subtract, unlinkDay.isEmpty() ? Map.of() : Map.of(PeriodItem.DAYS, unlinkDay)));
        }
        return writes;
    }

    /** The person's PROFILE becomes {@code kept}'s records; its CRM id and welcome (the person's own) stay. */
    private Write personUpdate(Profile person, Profile kept) {
        Map<String, Object> set = OwnRecords.attributes(kept);
        set.put(ProfileItem.ID, person.id());
        set.remove(ProfileItem.CRM_ID);
        set.remove(ProfileItem.CRM_ID_AT);
        set.put(ProfileItem.VERSION, person.version() + 1);
        board(set, kept);
        set.values().removeIf(java.util.Objects::isNull);
        // the attributes the merged profile holds now: those the kept records lack are removed
        Set<String> had = new HashSet<>();
        OwnRecords.attributes(person).forEach((name, value) -> {
            if (value != null) {
                had.add(name);
            }
        });
        had.add(ProfileItem.LB_PK);
        had.add(ProfileItem.LB_SCORE);
        had.remove(ProfileItem.CRM_ID);
        had.remove(ProfileItem.CRM_ID_AT);
        had.removeAll(set.keySet());
        return new Update(TableKeys.person(person.id()), TableKeys.PROFILE, versionGuard(person), set, Map.of(),
                Map.of(), Map.of(), had);
    }

    /** On the all-time board, as the scorer ranks it, when the records are a person's who has acted. */
    private void board(Map<String, Object> item, Profile records) {
        if (records.tier() == null || CommunityAction.BOT.equals(records.kind()) || records.lastActive() == null) {
            return;
        }
        item.put(ProfileItem.LB_PK, TableKeys.LB_ALL);
        var decay = scorer.config().decay();
        item.put(ProfileItem.LB_SCORE, decay.enabled()
                ? ScoreBreakdown.decayedTotal(records.score(), records.tallies(), decay,
                        YearMonth.from(records.lastActive().atZone(ZoneOffset.UTC)))
                : records.score());
    }

    /**
     * The records of the identities a person keeps when more than one stays linked: sums, earliest and latest, the
     * highest tier; the person's login and history, with a step when the tier changes.
     */
    private static Profile combine(List<Profile> owns, Profile person, String unlinked, String at) {
        BigDecimal score = BigDecimal.ZERO;
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> tallies = new HashMap<>();
        Instant firstSeen = null;
        Instant lastActive = null;
        Tier tier = null;
        Set<String> identities = new LinkedHashSet<>();
        Set<String> logins = new LinkedHashSet<>();
        Set<String> acted = new LinkedHashSet<>();
        Set<String> platforms = new LinkedHashSet<>();
        for (Profile own : owns) {
            score = score.add(own.score());
            own.counts().forEach((type, n) -> counts.merge(type, n, Long::sum));
            own.tallies().forEach((name, n) -> tallies.merge(name, n, Long::sum));
            firstSeen = min(firstSeen, own.firstSeen());
            lastActive = max(lastActive, own.lastActive());
            Tier its = Tier.fromLabel(own.tier());
            tier = tier == null ? its : its == null ? tier : tier.max(its);
            identities.add(own.id());
            identities.addAll(own.identities());
            logins.addAll(own.logins());
            acted.addAll(own.acted());
            platforms.addAll(own.platforms());
        }
        List<TierStep> history = new ArrayList<>(person.tierHistory());
        if (tier != null && !tier.label().equals(person.tier())) {
            history.add(new TierStep(tier.label(), at, "identity_unlinked " + unlinked));
        }
        return new Profile(person.id(), true, person.version(), null, person.login(), person.platform(), person.kind(),
                score, tier == null ? null : tier.label(), history, firstSeen, lastActive, identities, logins, acted,
                platforms, counts, tallies, person.crmId(), person.crmIdAt());
    }
}
