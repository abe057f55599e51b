package com.communitypulse.score.store;

import com.communitypulse.score.domain.PendingEvents;
import com.communitypulse.score.domain.OwnPeriod;
import com.communitypulse.score.domain.PeriodTotals;
import com.communitypulse.score.domain.Plan;
import com.communitypulse.score.domain.Plan.Guard;
import com.communitypulse.score.domain.Plan.Put;
import com.communitypulse.score.domain.Plan.Update;
import com.communitypulse.score.domain.Plan.Write;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.domain.Profile.TierStep;
import com.communitypulse.shared.store.ItemAttributes.ActionGuardItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.OwnItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link ContributorStore} on the single table ({@link TableKeys}), one TransactWriteItems per action. */
public final class DynamoDbContributorStore implements ContributorStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbContributorStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Profile profile(String id) {
        Map<String, AttributeValue> item = get(TableKeys.person(id), TableKeys.PROFILE);
        return item == null ? Profile.absent(id) : toProfile(id, item);
    }

    @Override
    public PeriodTotals period(String person, String sk) {
        Map<String, AttributeValue> item = get(TableKeys.person(person), sk);
        if (item == null) {
            return PeriodTotals.NONE;
        }
        return new PeriodTotals(item.containsKey(PeriodItem.SCORE) ? new BigDecimal(item.get(PeriodItem.SCORE).n()) : BigDecimal.ZERO,
                ss(item, PeriodItem.DAYS), s(item, PeriodItem.TIER),
                item.containsKey(PeriodItem.EXPIRES_AT) ? Long.valueOf(item.get(PeriodItem.EXPIRES_AT).n()) : null);
    }

    @Override
    public Profile own(String identity) {
        Map<String, AttributeValue> item = get(TableKeys.person(identity), TableKeys.OWN);
        return item == null ? Profile.absent(identity) : toProfile(identity, item);
    }

    @Override
    public List<OwnPeriod> ownPeriods(String identity) {
        List<OwnPeriod> parts = new ArrayList<>();
        for (var page : dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :own)")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.person(identity)),
                        ":own", AttributeValue.fromS(TableKeys.OWN_PERIOD_PREFIX))))) {
            for (Map<String, AttributeValue> item : page.items()) {
                parts.add(new OwnPeriod(item.get(TableKeys.SK).s().substring(TableKeys.OWN_PERIOD_PREFIX.length()),
                        item.containsKey(PeriodItem.SCORE) ? new BigDecimal(item.get(PeriodItem.SCORE).n()) : BigDecimal.ZERO,
                        ss(item, PeriodItem.DAYS), s(item, PeriodItem.LOGIN), s(item, PeriodItem.PLATFORM),
                        s(item, PeriodItem.KIND), s(item, PeriodItem.TIER), s(item, OwnItem.BOARD),
                        item.containsKey(PeriodItem.EXPIRES_AT) ? Long.valueOf(item.get(PeriodItem.EXPIRES_AT).n()) : null));
            }
        }
        return parts;
    }

    @Override
    public Optional<String> identityForLogin(String platform, String login) {
        Map<String, AttributeValue> item = get(TableKeys.login(platform, login), TableKeys.LOGIN);
        return item == null || !item.containsKey(LoginItem.IDENTITY) ? Optional.empty() : Optional.of(item.get(LoginItem.IDENTITY).s());
    }

    @Override
    public void record(Plan plan) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Write write : plan.writes()) {
            items.add(toTransactItem(write));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            alreadyRecorded(plan, reasons);
            for (CancellationReason reason : reasons) {
                String code = reason.code();
                if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                    throw new Contention(code);
                }
            }
            throw e;
        }
    }

    /**
     * Throws {@link AlreadyRecorded} when the action's guard or activity item failed its condition. A copy
     * with the same timestamp fails both, and the activity item comes back with the cancellation; a copy
     * timed anew fails only the guard, which points at the first copy's activity item, read only when that
     * action decided events (so usually no read at all).
     */
    private void alreadyRecorded(Plan plan, List<CancellationReason> reasons) {
        Map<String, AttributeValue> guard = null;
        Map<String, AttributeValue> activity = null;
        boolean recorded = false;
        for (int i = 0; i < reasons.size() && i < plan.writes().size(); i++) {
            Write write = plan.writes().get(i);
            boolean guarded = write.guard() instanceof Guard.Absent
                    && (write.pk().startsWith(TableKeys.action("")) || write.pk().startsWith(TableKeys.DAY_PREFIX));
            if (!guarded || !"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                continue;
            }
            recorded = true;
            Map<String, AttributeValue> old = reasons.get(i).hasItem() && !reasons.get(i).item().isEmpty()
                    ? reasons.get(i).item() : get(write.pk(), write.sk());
            if (write.pk().startsWith(TableKeys.DAY_PREFIX)) {
                activity = old;
            } else {
                guard = old;
            }
        }
        if (!recorded) {
            return;
        }
        if (activity != null || guard == null) {
            throw new AlreadyRecorded(pending(activity), plan.day(), plan.sortKey());
        }
        String day = s(guard, ActionGuardItem.DAY);
        String sortKey = s(guard, ActionGuardItem.ACTIVITY_SK);
        AttributeValue hasEvents = guard.get(ActionGuardItem.HAS_EVENTS);
        if (day == null || sortKey == null) {
            throw new AlreadyRecorded(List.of(), plan.day(), plan.sortKey());
        }
        boolean read = hasEvents != null && Boolean.TRUE.equals(hasEvents.bool());
        throw new AlreadyRecorded(read ? pending(get(TableKeys.day(java.time.LocalDate.parse(day)), sortKey)) : List.of(),
                day, sortKey);
    }

    @Override
    public void markPublished(String day, String sortKey) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(TableKeys.day(java.time.LocalDate.parse(day)), sortKey))
                    .updateExpression("SET #p = :t REMOVE #e")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#p", TableKeys.EVENTS_PUBLISHED, "#e", TableKeys.EVENTS))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // erased meanwhile: nothing left to mark
        }
    }

    private static List<com.communitypulse.shared.events.BusEvent> pending(Map<String, AttributeValue> activity) {
        if (activity == null || !activity.containsKey(TableKeys.EVENTS)) {
            return List.of();
        }
        AttributeValue published = activity.get(TableKeys.EVENTS_PUBLISHED);
        if (published != null && Boolean.TRUE.equals(published.bool())) {
            return List.of();
        }
        return PendingEvents.read(activity.get(TableKeys.EVENTS).s());
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(key(pk, sk)).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private TransactWriteItem toTransactItem(Write write) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = condition(write.guard(), names, values);
        if (write instanceof Put put) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(key(put.pk(), put.sk()));
            put.item().forEach((name, value) -> {
                if (value != null) {
                    item.put(name, toAttribute(value));
                }
            });
            return TransactWriteItem.builder().put(p -> {
                p.tableName(table).item(item);
                if (condition != null) {
                    p.conditionExpression(condition).expressionAttributeNames(names);
                    if (!values.isEmpty()) {
                        p.expressionAttributeValues(values);
                    }
                    p.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                }
            }).build();
        }
        if (write instanceof Plan.Delete delete) {
            return TransactWriteItem.builder().delete(d -> {
                d.tableName(table).key(key(delete.pk(), delete.sk()));
                if (condition != null) {
                    d.conditionExpression(condition).expressionAttributeNames(names);
                    if (!values.isEmpty()) {
                        d.expressionAttributeValues(values);
                    }
                }
            }).build();
        }
        Update update = (Update) write;
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        int[] n = {0};
        update.set().forEach((name, value) -> {
            if (value != null) {
                sets.add(name(names, name, n) + " = " + value(values, toAttribute(value), n));
            }
        });
        update.setIfAbsent().forEach((name, value) -> {
            if (value != null) {
                String alias = name(names, name, n);
                sets.add(alias + " = if_not_exists(" + alias + ", " + value(values, toAttribute(value), n) + ")");
            }
        });
        update.add().forEach((name, value) -> adds.add(name(names, name, n) + " " + value(values, toAttribute(value), n)));
        update.addToSets().forEach((name, value) -> {
            if (!value.isEmpty()) {
                adds.add(name(names, name, n) + " " + value(values, AttributeValue.fromSs(List.copyOf(value)), n));
            }
        });
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!adds.isEmpty()) {
            expression.append(expression.length() > 0 ? " " : "").append("ADD ").append(String.join(", ", adds));
        }
        if (!update.remove().isEmpty()) {
            List<String> removes = new ArrayList<>();
            update.remove().forEach(name -> removes.add(name(names, name, n)));
            expression.append(expression.length() > 0 ? " " : "").append("REMOVE ").append(String.join(", ", removes));
        }
        return TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(key(update.pk(), update.sk())).updateExpression(expression.toString())
                    .expressionAttributeNames(names);
            if (!values.isEmpty()) {
                u.expressionAttributeValues(values);
            }
            if (condition != null) {
                u.conditionExpression(condition);
            }
        }).build();
    }

    private static String condition(Guard guard, Map<String, String> names, Map<String, AttributeValue> values) {
        if (guard instanceof Guard.Absent) {
            names.put("#pk", TableKeys.PK);
            return "attribute_not_exists(#pk)";
        }
        if (guard instanceof Guard.Exists) {
            names.put("#pk", TableKeys.PK);
            return "attribute_exists(#pk)";
        }
        if (guard instanceof Guard.Version version) {
            names.put("#ver", ProfileItem.VERSION);
            if (version.expected() == 0) {
                return "attribute_not_exists(#ver)";
            }
            values.put(":ver", AttributeValue.fromN(Long.toString(version.expected())));
            return "#ver = :ver";
        }
        return null;
    }

    private static String name(Map<String, String> names, String name, int[] n) {
        String alias = "#a" + n[0]++;
        names.put(alias, name);
        return alias;
    }

    private static String value(Map<String, AttributeValue> values, AttributeValue value, int[] n) {
        String alias = ":v" + n[0]++;
        values.put(alias, value);
        return alias;
    }

    @SuppressWarnings("unchecked")
    static AttributeValue toAttribute(Object value) {
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof BigDecimal d) {
            return AttributeValue.fromN(d.toPlainString());
        }
        if (value instanceof Number number) {
            return AttributeValue.fromN(number.toString());
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof Set<?> set) {
            return AttributeValue.fromSs(List.copyOf((Set<String>) set));
        }
        if (value instanceof List<?> list) {
            List<AttributeValue> steps = new ArrayList<>();
            for (Object step : list) {
                TierStep s = (TierStep) step;
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                m.put(ProfileItem.STEP_TIER, AttributeValue.fromS(s.tier()));
                m.put(ProfileItem.STEP_AT, AttributeValue.fromS(s.at()));
                if (s.reason() != null) {
                    m.put(ProfileItem.STEP_REASON, AttributeValue.fromS(s.reason()));
                }
                steps.add(AttributeValue.fromM(m));
            }
            return AttributeValue.fromL(steps);
        }
        throw new IllegalArgumentException("no DynamoDB mapping for " + value.getClass());
    }

    private Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk));
    }

    static Profile toProfile(String id, Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> tallies = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(ProfileItem.COUNT_PREFIX) && value.n() != null) {
                counts.put(name.substring(ProfileItem.COUNT_PREFIX.length()), Long.parseLong(value.n()));
            }
            if (name.startsWith(ProfileItem.TALLY_PREFIX) && value.n() != null) {
                tallies.put(name, Long.parseLong(value.n()));
            }
        });
        List<TierStep> history = new ArrayList<>();
        if (item.containsKey(ProfileItem.TIER_HISTORY)) {
            for (AttributeValue step : item.get(ProfileItem.TIER_HISTORY).l()) {
                AttributeValue reason = step.m().get(ProfileItem.STEP_REASON);
                history.add(new TierStep(step.m().get(ProfileItem.STEP_TIER).s(), step.m().get(ProfileItem.STEP_AT).s(),
                        reason == null ? null : reason.s()));
            }
        }
        return new Profile(id, true,
                item.containsKey(ProfileItem.VERSION) ? Long.parseLong(item.get(ProfileItem.VERSION).n()) : 0,
                s(item, LinkItem.LINKED_TO), s(item, ProfileItem.LOGIN), s(item, ProfileItem.PLATFORM),
                s(item, ProfileItem.KIND),
                item.containsKey(ProfileItem.SCORE) ? new BigDecimal(item.get(ProfileItem.SCORE).n()) : BigDecimal.ZERO,
                s(item, ProfileItem.TIER), history, instant(item, ProfileItem.FIRST_SEEN),
                instant(item, ProfileItem.LAST_ACTIVE), ss(item, ProfileItem.IDENTITIES), ss(item, ProfileItem.LOGINS),
                ss(item, ProfileItem.ACTED), ss(item, ProfileItem.PLATFORMS), counts, tallies,
                s(item, ProfileItem.CRM_ID), instant(item, ProfileItem.CRM_ID_AT));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static Set<String> ss(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }
}
