package com.communitypulse.score.domain;

import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.shared.store.ItemAttributes.OwnItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code OWN} records that make a link undoable. While an identity is linked, or is a person with linked
 * identities, each action it makes is also scored on its own {@code OWN} profile (and, for a linked identity, its own
 * {@code OWN#WEEK#}/{@code OWN#MONTH#} parts) exactly as if it had never been linked; an unlink puts those back. They
 * carry no {@code lb_pk}, so no board lists them.
 */
final class OwnRecords {
    private OwnRecords() {
    }

    /** The attributes of a profile as read, to store as an {@code OWN} item or put back as a PROFILE (no version, no board). */
    static Map<String, Object> attributes(Profile profile) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(ProfileItem.ID, profile.id());
        item.put(ProfileItem.LOGIN, profile.login());
        item.put(ProfileItem.PLATFORM, profile.platform());
        item.put(ProfileItem.KIND, profile.kind());
        if (profile.exists()) {
            item.put(ProfileItem.SCORE, profile.score());
        }
        item.put(ProfileItem.TIER, profile.tier());
        if (!profile.tierHistory().isEmpty()) {
            item.put(ProfileItem.TIER_HISTORY, profile.tierHistory());
        }
        item.put(ProfileItem.FIRST_SEEN, profile.firstSeen() == null ? null : profile.firstSeen().toString());
        item.put(ProfileItem.LAST_ACTIVE, profile.lastActive() == null ? null : profile.lastActive().toString());
        putSet(item, ProfileItem.IDENTITIES, profile.identities());
        putSet(item, ProfileItem.LOGINS, profile.logins());
        putSet(item, ProfileItem.ACTED, profile.acted());
        putSet(item, ProfileItem.PLATFORMS, profile.platforms());
        profile.counts().forEach((type, n) -> item.put(ProfileItem.count(type), n));
        profile.tallies().forEach(item::put);
        item.put(ProfileItem.CRM_ID, profile.crmId());
        item.put(ProfileItem.CRM_ID_AT, profile.crmIdAt() == null ? null : profile.crmIdAt().toString());
        return item;
    }

    private static void putSet(Map<String, Object> item, String name, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            item.put(name, values);
        }
    }

    /** The {@code OWN} item of {@code profile}, as it stands (a link's snapshot). */
    static Put snapshot(Profile profile) {
        Map<String, Object> item = attributes(profile);
        if (profile.version() > 0) {
            item.put(ProfileItem.VERSION, profile.version());
        }
        return new Put(TableKeys.person(profile.id()), TableKeys.OWN, item, Guard.NONE);
    }

    /** The {@code OWN#} part of a period moved at a link: the linked identity's period item as it was. */
    static Put periodSnapshot(String identity, String periodSortKey, String board, Profile owner, PeriodTotals totals) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(PeriodItem.ID, identity);
        item.put(PeriodItem.LOGIN, owner.login());
        item.put(PeriodItem.PLATFORM, owner.platform());
        item.put(PeriodItem.KIND, owner.kind());
        String tier = totals.tier() != null ? totals.tier() : owner.tier();
        item.put(PeriodItem.TIER, tier);
        item.put(OwnItem.BOARD, tier == null ? null : board);
        item.put(PeriodItem.SCORE, totals.score());
        if (!totals.days().isEmpty()) {
            item.put(PeriodItem.DAYS, totals.days());
        }
        item.put(PeriodItem.EXPIRES_AT, totals.expiresAt());
        return new Put(TableKeys.person(identity), TableKeys.ownPeriod(periodSortKey), item, Guard.NONE);
    }

    /**
     * The writes of {@code ownPlan} (the action planned on {@code identity}'s own profile, as if unlinked) that keep its
     * own records: its PROFILE update becomes the {@code OWN} item's, and with {@code periods} its WEEK#/MONTH# updates
     * become the {@code OWN#} parts'. Everything else it would write (guard, activity, thread, login) the real plan
     * writes already.
     */
    static List<Write> from(Plan ownPlan, String identity, boolean periods) {
        String pk = TableKeys.person(identity);
        List<Write> writes = new ArrayList<>();
        for (Write write : ownPlan.writes()) {
            if (!(write instanceof Update update) || !pk.equals(update.pk())) {
                continue;
            }
            if (TableKeys.PROFILE.equals(update.sk())) {
                Map<String, Object> set = new LinkedHashMap<>(update.set());
                set.remove(ProfileItem.LB_PK);
                set.remove(ProfileItem.LB_SCORE);
                Map<String, Number> add = new LinkedHashMap<>(update.add());
                add.remove(ProfileItem.LB_SCORE);
                writes.add(new Update(pk, TableKeys.OWN, update.guard(), set, update.setIfAbsent(), add,
                        update.addToSets(), update.remove()));
            } else if (periods && (update.sk().startsWith(TableKeys.weekSortKey(""))
                    || update.sk().startsWith(TableKeys.monthSortKey("")))) {
                Map<String, Object> set = new LinkedHashMap<>(update.set());
                Object board = set.remove(PeriodItem.LB_PK);
                if (board != null) {
                    set.put(OwnItem.BOARD, board);
                }
                Map<String, Number> add = new LinkedHashMap<>(update.add());
                add.remove(PeriodItem.LB_SCORE);
                writes.add(new Update(pk, TableKeys.ownPeriod(update.sk()), update.guard(), set, update.setIfAbsent(),
                        add, update.addToSets(), update.remove()));
            }
        }
        return writes;
    }
}
