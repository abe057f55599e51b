package com.communitypulse.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.communitypulse.api.store.Eraser;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The erasure command line against DynamoDB Local: usage errors, erasing by login, then nothing left. */
class EraseContributorIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @Test
    void commandLine() {
        seedOneAction("slack:U3030", "cli", "cli-1", "2026-11-20", "2026-11-20T10:00:00Z");
        Map<String, String> values = new HashMap<>(TABLE.env());
        assertEquals(2, EraseContributor.run(new String[] {"slack:U3030"}, new Env(values)), "ERASURE_SALT is required");
        values.put("ERASURE_SALT", Eraser.DEFAULT_SALT);
        Env env = new Env(values);
        assertEquals(2, EraseContributor.run(new String[] {}, env));
        assertEquals(2, EraseContributor.run(new String[] {"U3030"}, env));
        assertEquals(2, EraseContributor.run(new String[] {"slack:U3030"}, new Env(Map.of())));
        assertEquals(0, EraseContributor.run(new String[] {"slack:@CLI"}, env));
        assertEquals(0, mentions("slack:U3030"), "no item names the person: " + TABLE.items());
        // printf '%s' 'change-me-community-pulse-erasure-saltslack:U3030' | sha256sum
        get("ERASED#d0a0e8f65e45882c2a49ac8e71e552b4f5473a668570097378f2816be90a5a9c", "ERASED");
        assertEquals(1, EraseContributor.run(new String[] {"slack:U3030"}, env));
    }

    /**
     * The items the score function writes for a person's first action, as far as erasure reads them (written
     * directly, so this module's tests need no scorer): profile, week item listing the day, the day's activity
     * item, the action's guard and the login item.
     */
    private static void seedOneAction(String identity, String login, String actionId, String day, String ts) {
        String platform = identity.substring(0, identity.indexOf(':'));
        put(Map.of(TableKeys.PK, s(TableKeys.person(identity)), TableKeys.SK, s(TableKeys.PROFILE),
                "id", s(identity), "login", s(login), "platform", s(platform), "last_active", s(ts),
                "identities", AttributeValue.fromSs(List.of(identity)),
                "logins", AttributeValue.fromSs(List.of(platform + "#" + login))));
        put(Map.of(TableKeys.PK, s(TableKeys.person(identity)), TableKeys.SK, s(TableKeys.weekSortKey("2026-W47")),
                "score", AttributeValue.fromN("0.1"), "days", AttributeValue.fromSs(List.of(day))));
        put(Map.of(TableKeys.PK, s(TableKeys.DAY_PREFIX + day), TableKeys.SK, s(TableKeys.activitySortKey(ts, actionId)),
                "person", s(identity), "actor", s(identity), "action_id", s(actionId)));
        put(Map.of(TableKeys.PK, s(TableKeys.action(actionId)), TableKeys.SK, s(TableKeys.ACTION)));
        put(Map.of(TableKeys.PK, s(TableKeys.login(platform, login)), TableKeys.SK, s(TableKeys.LOGIN),
                "identity", s(identity)));
    }

    private static void put(Map<String, AttributeValue> item) {
        TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        var item = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of(TableKeys.PK, s(pk), TableKeys.SK, s(sk)))).item();
        assertFalse(item == null || item.isEmpty(), pk + " " + sk);
        return item;
    }

    private static long mentions(String text) {
        return TABLE.items().stream().filter(item -> item.toString().toLowerCase().contains(text.toLowerCase())).count();
    }
}
