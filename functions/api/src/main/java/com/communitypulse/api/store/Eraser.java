package com.communitypulse.api.store;

import com.communitypulse.api.domain.Identities;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.ErasedItem;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.ItemAttributes.ThreadItem;
import com.communitypulse.shared.store.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Right to be forgotten: deletes everything the table holds about one person, without a Scan.
 *
 * <ol>
 * <li>Resolve the id (any linked identity or {@code platform:@login}) to the person; the profile's
 *     {@code identities} and {@code logins} name everything else.</li>
 * <li>Query each identity's {@code PERSON#} partition: PROFILE, WEEK#, MONTH# items. WEEK# items
 *     carry {@code days}, the days the identity acted.</li>
 * <li>Query each of those {@code DAY#} partitions for items whose {@code person} or {@code actor} is
 *     one of the identities, and delete them with their {@code ACTION#} guards. Cost follows the
 *     person's active days (each day's partition is read once), not the table's size. Every writer of
 *     a {@code DAY#} item adds its day to {@code days} (the tier review's demotions too).</li>
 * <li>Remove the person's ids from the THREAD items those activities named (the anonymous timings stay),
 *     delete their LOGIN#, WELCOME# and CELEBRATE# items, the SUGGEST items naming them, the EMAIL# items of their
 *     e-mail hashes (named by the {@code EMAIL#} copies in their PERSON# partitions), and last the PERSON# items, so an interrupted run can
 *     simply be run again.</li>
 * </ol>
 * First of all it puts an {@code ERASED#{hex sha-256(salt + identity)}} / {@code ERASED} item per identity
 * (no TTL, nothing else personal but the erasure time): the score function then acknowledges and drops
 * their later deliveries, and the welcome function never greets them. Deleting that item undoes it.
 */
public final class Eraser {
    /** What was deleted, by kind. */
    public record Report(String person, Set<String> identities, Map<String, Integer> deleted, List<String> markers) {
    }

    /** The template's {@code ErasureSalt} default; the functions fall back to it when {@code ERASURE_SALT} is unset. */
    public static final String DEFAULT_SALT = TableKeys.DEFAULT_ERASURE_SALT;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String salt;
    private final java.time.Clock clock;

    public Eraser(DynamoDbClient dynamo, String table, String salt) {
        this(dynamo, table, salt, java.time.Clock.systemUTC());
    }

    Eraser(DynamoDbClient dynamo, String table, String salt, java.time.Clock clock) {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("the erasure salt must not be empty");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.salt = salt;
        this.clock = clock;
    }

    /** The marker pk the score and welcome functions look up ({@link TableKeys#erased}). */
    public static String marker(String salt, String identity) {
        return TableKeys.erased(salt, identity);
    }

    /** Erases the person behind {@code id}; returns null when the table knows nothing of it. */
    public Report erase(String id) {
        String identity = id;
        if (Identities.isLoginForm(id)) {
            var login = get(TableKeys.login(Identities.platform(id), Identities.login(id)), TableKeys.LOGIN);
            if (login == null) {
                return null;
            }
            identity = login.get(LoginItem.IDENTITY).s();
        }
        Map<String, AttributeValue> item = get(TableKeys.person(identity), TableKeys.PROFILE);
        String person = item != null && item.containsKey(LinkItem.LINKED_TO) ? item.get(LinkItem.LINKED_TO).s() : identity;
        Map<String, AttributeValue> profile = person.equals(identity) ? item : get(TableKeys.person(person), TableKeys.PROFILE);

        Set<String> identities = new LinkedHashSet<>(List.of(person, identity));
        Set<String> logins = new TreeSet<>();
        if (profile != null) {
            if (profile.containsKey(ProfileItem.IDENTITIES)) {
                identities.addAll(profile.get(ProfileItem.IDENTITIES).ss());
            }
            if (profile.containsKey(ProfileItem.LOGINS)) {
                logins.addAll(profile.get(ProfileItem.LOGINS).ss());
            }
        }
        Map<String, Integer> deleted = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> personItems = new ArrayList<>();
        Set<String> days = new TreeSet<>();
        for (String each : identities) {
            for (Map<String, AttributeValue> found : queryAll(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.person(each)))).build())) {
                personItems.add(found);
                if (found.containsKey(PeriodItem.DAYS)) {
                    days.addAll(found.get(PeriodItem.DAYS).ss());
                }
                if (found.containsKey(ProfileItem.LOGINS)) {
                    logins.addAll(found.get(ProfileItem.LOGINS).ss());
                }
            }
        }
        if (personItems.isEmpty()) {
            return null;
        }
        // Markers first: from here on new deliveries of these identities are dropped, not re-imported.
        List<String> markers = new ArrayList<>();
        String erasedAt = clock.instant().toString();
        for (String each : identities) {
            String pk = marker(salt, each);
            dynamo.putItem(r -> r.tableName(table).item(Map.of(TableKeys.PK, AttributeValue.fromS(pk),
                    TableKeys.SK, AttributeValue.fromS(TableKeys.ERASED), ErasedItem.ERASED_AT, AttributeValue.fromS(erasedAt))));
            markers.add(pk);
        }
        Set<String> threads = new TreeSet<>();
        Map<String, String> names = Map.of("#p", ActivityItem.PERSON, "#a", ActivityItem.ACTOR);
        for (String day : days) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", AttributeValue.fromS(TableKeys.DAY_PREFIX + day));
            List<String> placeholders = new ArrayList<>();
            int i = 0;
            for (String each : identities) {
                values.put(":i" + i, AttributeValue.fromS(each));
                placeholders.add(":i" + i++);
            }
            String in = String.join(", ", placeholders);
            for (Map<String, AttributeValue> activity : queryAll(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .filterExpression("#p IN (" + in + ") OR #a IN (" + in + ")")
                    .expressionAttributeNames(names).expressionAttributeValues(values).build())) {
                if (activity.containsKey(ActivityItem.THREAD)) {
                    threads.add(activity.get(ActivityItem.THREAD).s());
                }
                delete(activity.get(TableKeys.PK).s(), activity.get(TableKeys.SK).s(), deleted, "activity");
                if (activity.containsKey(ActivityItem.ACTION_ID)) {
                    // the action's guard: a custom source's id may name the person
                    delete(TableKeys.action(activity.get(ActivityItem.ACTION_ID).s()), TableKeys.ACTION, deleted, "action guard");
                }
            }
        }
        for (String thread : threads) {
            forget(thread, ThreadItem.AUTHOR, ThreadItem.AUTHOR_LOGIN, identities, deleted);
            forget(thread, ThreadItem.FIRST_RESPONDER, null, identities, deleted);
        }
        for (String login : logins) {
            int hash = login.indexOf('#');
            String platform = login.substring(0, hash);
            deleteIfIdentity(TableKeys.login(platform, login.substring(hash + 1)), identities, deleted);
        }
        for (String each : identities) {
            String platform = each.substring(0, each.indexOf(':'));
            delete(TableKeys.welcome(platform, each), TableKeys.WELCOME, deleted, "welcome");
            delete(TableKeys.welcomePerson(each), TableKeys.WELCOME, deleted, "welcome");
            for (String milestone : TableKeys.MILESTONES) {
                delete(TableKeys.celebration(milestone, each), TableKeys.CELEBRATE, deleted, "celebration");
            }
        }
        forgetSuggestions(identities, deleted);
        // an e-mail hash's index item, found through its copy in the identity's partition (deleted below with the rest)
        for (Map<String, AttributeValue> found : personItems) {
            String sk = found.get(TableKeys.SK).s();
            if (sk.startsWith(TableKeys.EMAIL_PREFIX)) {
                String identityOf = found.get(TableKeys.PK).s().substring(TableKeys.person("").length());
                delete(sk, identityOf, deleted, "email index");
            }
        }
        // Profiles last: until they are gone, a re-run finds everything again.
        personItems.sort((a, b) -> Boolean.compare(isProfile(a), isProfile(b)));
        for (Map<String, AttributeValue> found : personItems) {
            String sk = found.get(TableKeys.SK).s();
            delete(found.get(TableKeys.PK).s(), sk, deleted, sk.contains("#") ? sk.substring(0, sk.indexOf('#')).toLowerCase() : "profile");
        }
        return new Report(person, identities, deleted, markers);
    }

    /**
     * The link suggestions naming any of the identities (as a side's person or identity): one Query of the
     * {@code SUGGEST} partition, filtered. Its size is the suggestions still open (they expire with the retention),
     * not the table's, and a person has no key of their own in it to query instead.
     */
    private void forgetSuggestions(Set<String> identities, Map<String, Integer> deleted) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(TableKeys.SUGGEST));
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        for (String each : identities) {
            values.put(":i" + i, AttributeValue.fromS(each));
            placeholders.add(":i" + i++);
        }
        String in = " IN (" + String.join(", ", placeholders) + ")";
        Map<String, String> names = Map.of("#pa", SuggestionItem.PERSON_A, "#pb", SuggestionItem.PERSON_B,
                "#ia", SuggestionItem.IDENTITY_A, "#ib", SuggestionItem.IDENTITY_B);
        for (Map<String, AttributeValue> suggestion : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .filterExpression("#pa" + in + " OR #pb" + in + " OR #ia" + in + " OR #ib" + in)
                .expressionAttributeNames(names).expressionAttributeValues(values).build())) {
            delete(TableKeys.SUGGEST, suggestion.get(TableKeys.SK).s(), deleted, "suggestion");
        }
    }

    private static boolean isProfile(Map<String, AttributeValue> item) {
        return TableKeys.PROFILE.equals(item.get(TableKeys.SK).s());
    }

    private void forget(String thread, String attribute, String alsoRemove, Set<String> identities, Map<String, Integer> deleted) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        for (String each : identities) {
            values.put(":i" + i, AttributeValue.fromS(each));
            placeholders.add(":i" + i++);
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(TableKeys.thread(thread), TableKeys.THREAD))
                    .updateExpression("REMOVE #x" + (alsoRemove == null ? "" : ", #y"))
                    .conditionExpression("#x IN (" + String.join(", ", placeholders) + ")")
                    .expressionAttributeNames(alsoRemove == null ? Map.of("#x", attribute) : Map.of("#x", attribute, "#y", alsoRemove))
                    .expressionAttributeValues(values));
            deleted.merge("thread " + attribute, 1, Integer::sum);
        } catch (ConditionalCheckFailedException e) {
            // someone else's thread or response: nothing of this person's there
        }
    }

    private void deleteIfIdentity(String pk, Set<String> identities, Map<String, Integer> deleted) {
        Map<String, AttributeValue> item = get(pk, TableKeys.LOGIN);
        if (item != null && item.containsKey(LoginItem.IDENTITY) && identities.contains(item.get(LoginItem.IDENTITY).s())) {
            delete(pk, TableKeys.LOGIN, deleted, "login");
        }
    }

    private void delete(String pk, String sk, Map<String, Integer> deleted, String kind) {
        var response = dynamo.deleteItem(r -> r.tableName(table).key(key(pk, sk))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        if (response.hasAttributes() && !response.attributes().isEmpty()) {
            deleted.merge(kind, 1, Integer::sum);
        }
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(start == null ? request : request.toBuilder().exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(pk, sk)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk));
    }
}
