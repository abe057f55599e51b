package com.communitypulse.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;

/**
 * The score function's items, written straight to the table, so a reader's test needs no scorer: the names
 * from the shared catalogue ({@code ItemAttributes}), the keys from {@code TableKeys}, the tallies from
 * {@code ScoreBreakdown}. The score module's {@code ItemCatalogueIT} checks that, given the same figures,
 * these builders write what the scorer writes.
 *
 * <pre>
 * Items.person("github:1010").login("ada").score("0.4").count("issue_opened", 1)
 *         .tier("User", "2026-11-17T09:00:00Z", "first action (issue_opened)")
 *         .firstSeen("2026-11-17T09:00:00Z").lastActive("2026-11-18T10:00:00Z")
 *         .week("2026-W47", "0.4", "2026-11-17", "2026-11-18").month("2026-11", "0.4")
 *         .put(TABLE.client(), TABLE.name());
 * Items.activity("a1", "2026-11-17T09:00:00Z").by("github:1010", "ada").type("issue_opened").impact("0.3")
 *         .first().put(TABLE.client(), TABLE.name());
 * </pre>
 *
 * The figures are the test's to compute (docs/scoring.md; the defaults are
 * {@code shared/src/main/resources/scoring/scoring-config.json}): the builders decide nothing.
 */
public final class Items {
    /** The retention the default TTLs assume ({@code RETENTION_DAYS}' default): {@code expires_at} = time + 400 days. */
    public static final Duration RETENTION = Duration.ofDays(400);

    private Items() {
    }

    /** A person's PROFILE, WEEK#/MONTH# and LOGIN items (or, with {@link PersonItems#linkedTo}, a linked identity's). */
    public static PersonItems person(String id) {
        return new PersonItems(id);
    }

    /** A scored action's activity item and its {@code ACTION#} guard. */
    public static ActivityItems activity(String actionId, String ts) {
        return ActivityItems.action(actionId, ts);
    }

    /** The {@code tier_changed} activity item an action (or the monthly review) caused: {@code {ts}#{actionId}.tier}. */
    public static ActivityItems tierChange(String actionId, String ts, String from, String to, String reason) {
        return ActivityItems.tierChange(actionId, ts, from, to, reason);
    }

    /** An {@code identity_linked} action's activity item (impact 0) and its guard. */
    public static ActivityItems link(String actionId, String ts, String target, String result) {
        return ActivityItems.link(actionId, ts, target, result);
    }

    /** A {@code THREAD#} item: who opened it when, and its first response. */
    public static ThreadItems thread(String thread) {
        return new ThreadItems(thread);
    }

    /**
     * A {@code same_login} {@code SUGGEST} item, as the scorer writes it when {@code identity} (of {@code person}) came
     * with a login that {@code otherIdentity} (of {@code otherPerson}) has on another platform: the sides in either
     * order (side A is the person whose id sorts first), platforms from the identities, the TTL the retention after
     * {@code createdAt}.
     */
    public static Map<String, AttributeValue> sameLogin(String identity, String login, String person, String otherIdentity,
                                                        String otherLogin, String otherPerson, String confidence,
                                                        String createdAt) {
        return suggestion(SuggestionItem.SAME_LOGIN, identity, login, person, otherIdentity, otherLogin, otherPerson,
                confidence, createdAt);
    }

    /** A {@code SUGGEST} item of any reason ({@code same_login}, {@code profile_url}, {@code email_hash}), as {@link #sameLogin}. */
    public static Map<String, AttributeValue> suggestion(String reason, String identity, String login, String person,
                                                         String otherIdentity, String otherLogin, String otherPerson,
                                                         String confidence, String createdAt) {
        boolean first = person.compareTo(otherPerson) <= 0;
        String[] a = first ? new String[] {person, identity, login} : new String[] {otherPerson, otherIdentity, otherLogin};
        String[] b = first ? new String[] {otherPerson, otherIdentity, otherLogin} : new String[] {person, identity, login};
        Item item = new Item(com.communitypulse.shared.store.TableKeys.SUGGEST,
                com.communitypulse.shared.store.TableKeys.suggestion(person, otherPerson));
        item.s(SuggestionItem.PERSON_A, a[0]).s(SuggestionItem.PERSON_B, b[0])
                .s(SuggestionItem.IDENTITY_A, a[1]).s(SuggestionItem.IDENTITY_B, b[1])
                .s(SuggestionItem.LOGIN_A, a[2]).s(SuggestionItem.LOGIN_B, b[2])
                .s(SuggestionItem.PLATFORM_A, a[1].substring(0, a[1].indexOf(':')))
                .s(SuggestionItem.PLATFORM_B, b[1].substring(0, b[1].indexOf(':')))
                .s(SuggestionItem.REASON, reason).n(SuggestionItem.CONFIDENCE, confidence)
                .s(SuggestionItem.CREATED_AT, createdAt).n(SuggestionItem.EXPIRES_AT, expiresAt(createdAt));
        return item.attributes;
    }

    /**
     * The two items of an identity a custom source gave an e-mail hash ({@code email_sha256}), as the scorer writes them
     * at {@code writtenAt}: the index item {@code EMAIL#…} / identity and its copy {@code PERSON#{identity}} / {@code EMAIL#…}.
     */
    public static List<Map<String, AttributeValue>> emailHash(String salt, String emailSha256, String identity, String writtenAt) {
        String pk = com.communitypulse.shared.store.TableKeys.email(salt, emailSha256);
        Item index = new Item(pk, identity);
        index.s(com.communitypulse.shared.store.ItemAttributes.EmailItem.IDENTITY, identity)
                .n(com.communitypulse.shared.store.TableKeys.TTL, expiresAt(writtenAt));
        Item ref = new Item(com.communitypulse.shared.store.TableKeys.person(identity), pk);
        ref.n(com.communitypulse.shared.store.TableKeys.TTL, expiresAt(writtenAt));
        return List.of(index.attributes, ref.attributes);
    }

    /** Puts the items, one PutItem each. */
    public static void put(DynamoDbClient client, String table, Collection<Map<String, AttributeValue>> items) {
        for (Map<String, AttributeValue> item : items) {
            client.putItem(r -> r.tableName(table).item(item));
        }
    }

    static long expiresAt(String ts) {
        return Instant.parse(ts).plus(RETENTION).getEpochSecond();
    }

    /** An item under construction: attributes in the order set; a null value leaves the attribute out. */
    static final class Item {
        final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

        Item(String pk, String sk) {
            s(com.communitypulse.shared.store.TableKeys.PK, pk);
            s(com.communitypulse.shared.store.TableKeys.SK, sk);
        }

        Item s(String name, String value) {
            if (value != null) {
                attributes.put(name, AttributeValue.fromS(value));
            }
            return this;
        }

        Item n(String name, Object value) {
            if (value != null) {
                String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                attributes.put(name, AttributeValue.fromN(new BigDecimal(text).toPlainString()));
            }
            return this;
        }

        Item bool(String name, Boolean value) {
            if (value != null) {
                attributes.put(name, AttributeValue.fromBool(value));
            }
            return this;
        }

        Item ss(String name, Collection<String> values) {
            if (values != null && !values.isEmpty()) {
                attributes.put(name, AttributeValue.fromSs(List.copyOf(values)));
            }
            return this;
        }

        Item l(String name, List<AttributeValue> values) {
            if (values != null && !values.isEmpty()) {
                attributes.put(name, AttributeValue.fromL(new ArrayList<>(values)));
            }
            return this;
        }
    }
}
