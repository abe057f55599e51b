package com.communitypulse.welcome.store;

import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who is behind an identity, as the scorer left it: the identity's {@code PERSON#} item (a profile, or
 * {@code linked_to} the person), the person's profile ({@code identities}, {@code welcomed_at}, counts),
 * and whether the identity was erased ({@code ERASED#{hex sha-256(salt + identity)}}, written by the
 * erasure CLI). Two or three strongly consistent GetItems.
 */
final class People {
    /** The template's {@code ErasureSalt} default, used when {@code ERASURE_SALT} is not set. */
    static final String DEFAULT_SALT = TableKeys.DEFAULT_ERASURE_SALT;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String salt;

    People(DynamoDbClient dynamo, String table, String salt) {
        this.dynamo = dynamo;
        this.table = table;
        this.salt = salt == null || salt.isBlank() ? DEFAULT_SALT : salt;
    }

    /** Resolves an identity; {@code eventPerson} (the scorer's word in the event, may be null) is used when the table has nothing yet. */
    Person resolve(String identity, String eventPerson) {
        boolean erased = !get(erasedKey(salt, identity), TableKeys.ERASED).isEmpty();
        Map<String, AttributeValue> own = get(TableKeys.person(identity), TableKeys.PROFILE);
        String person;
        Map<String, AttributeValue> profile;
        if (own.containsKey(LinkItem.LINKED_TO)) {
            person = own.get(LinkItem.LINKED_TO).s();
            profile = get(TableKeys.person(person), TableKeys.PROFILE);
        } else if (!own.isEmpty() || eventPerson == null || eventPerson.equals(identity)) {
            person = identity;
            profile = own;
        } else {
            person = eventPerson;
            profile = get(TableKeys.person(person), TableKeys.PROFILE);
        }
        Set<String> identities = new LinkedHashSet<>(List.of(person, identity));
        AttributeValue known = profile.get(ProfileItem.IDENTITIES);
        if (known != null && known.hasSs()) {
            identities.addAll(known.ss());
        }
        return new Person(person, identities, welcomedAt(profile), counts(profile), erased);
    }

    /** Present whenever the attribute is (a welcome stamp is always a string). */
    private static String welcomedAt(Map<String, AttributeValue> profile) {
        AttributeValue stamp = profile.get(ProfileItem.WELCOMED_AT);
        return stamp == null ? null : String.valueOf(stamp.s());
    }

    private static Map<String, Long> counts(Map<String, AttributeValue> profile) {
        Map<String, Long> counts = new HashMap<>();
        profile.forEach((name, value) -> {
            // a profile's count of one action type is its attribute c_<type>
            if (name.startsWith(ProfileItem.COUNT_PREFIX) && value.n() != null) {
                counts.put(name.substring(ProfileItem.COUNT_PREFIX.length()), new BigDecimal(value.n()).longValue());
            }
        });
        return counts;
    }

    /** The marker pk the erasure CLI writes ({@link TableKeys#erased}). */
    static String erasedKey(String salt, String identity) {
        return TableKeys.erased(salt, identity);
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        var response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk))));
        return response.hasItem() ? response.item() : Map.of();
    }
}
