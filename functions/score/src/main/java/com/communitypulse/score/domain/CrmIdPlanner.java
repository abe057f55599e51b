package com.communitypulse.score.domain;

import static com.communitypulse.score.domain.ActionPlanner.actionGuard;
import static com.communitypulse.score.domain.ActionPlanner.versionGuard;

import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.CrmIds;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * {@code crm_id_set} (an admin action): sets the person's {@code crm_id} to {@code context.target}, or removes it
 * when there is none. It changes the person's data, not their standing: no score, count, tier, board or event.
 * Like any action it is recorded once (the {@code ACTION#} guard) with an activity item that keeps who asked
 * ({@code by}), why and what it did, and its day goes on the person's WEEK# item so erasure finds it.
 */
final class CrmIdPlanner {
    private final Duration retention;
    private final ToLongFunction<Instant> guardExpiresAt;

    CrmIdPlanner(Duration retention, ToLongFunction<Instant> guardExpiresAt) {
        this.retention = retention;
        this.guardExpiresAt = guardExpiresAt;
    }

    /** @param person the person's PROFILE (the linked identity's person when the actor is linked) */
    Plan plan(CommunityAction action, Instant ts, Profile person) {
        String crmId = action.context().target();
        List<Write> extra = new ArrayList<>();
        String result;
        boolean known = person.exists() && person.lastActive() != null;
        if (!known) {
            result = "refused: no person " + person.id(); // never a profile for someone who has not acted
        } else if (crmId != null && !CrmIds.valid(crmId)) {
            result = "refused: " + CrmIds.problem(crmId);
        } else if (person.crmIdAt() != null && ts.isBefore(person.crmIdAt())) {
            // the bus does not keep order: a change made later has already been applied
            result = "superseded by the change of " + person.crmIdAt();
        } else {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put(ProfileItem.VERSION, person.version() + 1);
            set.put(ProfileItem.CRM_ID_AT, ts.toString());
            Set<String> remove = Set.of();
            if (crmId == null) {
                remove = Set.of(ProfileItem.CRM_ID);
                result = "cleared";
            } else {
                set.put(ProfileItem.CRM_ID, crmId);
                result = "set";
            }
            extra.add(new Update(TableKeys.person(person.id()), TableKeys.PROFILE, versionGuard(person), set, Map.of(),
                    Map.of(), Map.of(), remove));
        }
        return plan(action, ts, person.id(), result, extra, known);
    }

    private Plan plan(CommunityAction action, Instant ts, String personId, String result, List<Write> extra,
                      boolean known) {
        String at = ts.toString();
        String day = ts.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String sortKey = TableKeys.activitySortKey(at, action.id());
        long expiresAt = ts.plus(retention).getEpochSecond();
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put(ActivityItem.ACTION_ID, action.id());
        activity.put(ActivityItem.PERSON, personId);
        activity.put(ActivityItem.ACTOR, action.actor());
        activity.put(ActivityItem.LOGIN, action.actorLogin());
        activity.put(ActivityItem.KIND, action.isBot() ? CommunityAction.BOT : CommunityAction.USER);
        activity.put(ActivityItem.PLATFORM, action.context().platform());
        activity.put(ActivityItem.TYPE, action.context().type());
        activity.put(ActivityItem.IMPACT, BigDecimal.ZERO);
        activity.put(ActivityItem.TS, at);
        activity.put(ActivityItem.FIRST, false);
        activity.put(ActivityItem.TARGET, action.context().target());
        activity.put(ActivityItem.BY, action.context().by());
        activity.put(ActivityItem.WHY, action.context().why());
        activity.put(ActivityItem.RESULT, result);
        activity.put(ActivityItem.EXPIRES_AT, expiresAt);
        List<Write> writes = new ArrayList<>();
        writes.add(actionGuard(action.id(), day, sortKey, false, guardExpiresAt.applyAsLong(ts)));
        writes.add(new Put(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate()), sortKey, activity, Guard.ABSENT));
        writes.addAll(extra);
        // the day on the WEEK# item (created without a board entry if need be), so erasure reaches this item;
        // none for someone unknown, who has no items to erase
        if (known) {
            writes.add(new Update(TableKeys.person(personId), TableKeys.weekSortKey(TableKeys.isoWeek(ts)), Guard.NONE,
                    Map.of(PeriodItem.EXPIRES_AT, expiresAt), Map.of(PeriodItem.ID, personId), Map.of(),
                    Map.of(PeriodItem.DAYS, Set.of(day))));
        }
        return new Plan(writes, day, sortKey, BigDecimal.ZERO, List.of(), "crm_id " + result);
    }
}
