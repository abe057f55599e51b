package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.inThread;
import static com.communitypulse.score.domain.Actions.link;
import static com.communitypulse.score.domain.Actions.withAssociation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Unlinking on DynamoDB Local (issue: identities people trust): link, act on both identities, unlink, and both
 * profiles, with the identity's weeks and months, equal a fresh replay of each one's own actions on an empty table.
 */
class UnlinkIT {
    @RegisterExtension
    static final ContributorTable LINKED = new ContributorTable().freshForEachTest();
    @RegisterExtension
    static final ContributorTable FRESH = new ContributorTable().freshForEachTest();

    static final String PERSON = "github:583231";
    static final String IDENTITY = "discord:77";
    static final Duration RETENTION = Duration.ofDays(400);

    private ScoringService linked;
    private ScoringService fresh;

    @org.junit.jupiter.api.BeforeEach
    void services() {
        linked = service(LINKED);
        fresh = service(FRESH);
    }

    private static ScoringService service(ContributorTable table) {
        return new ScoringService(new DynamoDbContributorStore(table.client(), table.name()), events -> { },
                new Scorer(ScoringConfig.defaults()), RETENTION);
    }

    private static CommunityAction github(String id, String type, String ts) {
        return action(id, PERSON, "octocat", type, ts);
    }

    private static CommunityAction discord(String id, String type, String ts) {
        return action(id, IDENTITY, "octo_d", type, ts);
    }

    static CommunityAction unlink(String id, String identity, String ts) {
        return new CommunityAction(CommunityAction.EVENT, id, identity, "octo_d", CommunityAction.USER,
                ActionContext.admin(identity.substring(0, identity.indexOf(':')), ActionTypes.IDENTITY_UNLINKED, PERSON,
                        "ops@example.org", "two people after all"), ts);
    }

    /** Each own action on both tables; the link and the unlink only on the linked one. */
    private void both(CommunityAction action) {
        assertTrue(linked.handle(action).recorded(), action.id());
        assertTrue(fresh.handle(action).recorded(), action.id());
    }

    @Test
    void linkActOnBothUnlinkAndBothEqualAFreshReplayOfTheirOwnActions() {
        // before the link: both act, over two weeks and the end of a month
        both(github("g1", "issue_opened", "2026-10-26T09:00:00Z"));
        both(discord("d1", "message_posted", "2026-10-27T10:00:00Z"));
        both(github("g2", "pr_opened", "2026-10-30T09:00:00Z"));
        both(discord("d2", "kudos_given", "2026-11-02T10:00:00Z"));
        // the link, in the week and month both just acted in
        ScoringService.Result linking = linked.handle(link("l1", IDENTITY, "octo_d", PERSON, "2026-11-03T12:00:00Z"));
        assertEquals("linked to " + PERSON, linking.note());
        // linked: both act, in the link's week, later weeks and the next month; one of the identity's deliveries is
        // history older than the link (a backfill's); the person's merge makes it a Contributor
        both(discord("d3", "message_posted", "2026-11-03T15:00:00Z"));
        both(github("g3", "comment", "2026-11-04T09:00:00Z"));
        both(inThread(discord("d4", "reply_given", "2026-11-12T10:00:00Z"), "discord:thread-1", PERSON));
        both(withAssociation(github("g4", "pr_merged", "2026-11-20T09:00:00Z"), "CONTRIBUTOR"));
        both(discord("d5", "message_posted", "2026-12-01T10:00:00Z"));
        both(discord("d0", "message_posted", "2026-10-20T10:00:00Z"));
        both(github("g5", "pr_reviewed", "2026-12-02T09:00:00Z"));

        Map<String, Object> person = profile(LINKED, PERSON);
        assertEquals(List.of(IDENTITY, PERSON), person.get(ProfileItem.IDENTITIES), "linked until now");

        ScoringService.Result unlinking = linked.handle(unlink("u1", IDENTITY, "2026-12-03T12:00:00Z"));
        assertTrue(unlinking.recorded());
        assertEquals("unlinked " + IDENTITY + " from " + PERSON, unlinking.note());

        assertEquals(profile(FRESH, IDENTITY), profile(LINKED, IDENTITY), "the identity as if never linked");
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON), "the person as if never linked");
        assertEquals(periods(FRESH, IDENTITY), periods(LINKED, IDENTITY), "the identity's weeks and months");
        assertEquals(periodScores(FRESH, PERSON), periodScores(LINKED, PERSON), "the person's weeks and months");
        assertEquals(List.of(), ownItems(LINKED), "no own records left");
        assertEquals(board(FRESH), board(LINKED), "the all-time board");

        Map<String, AttributeValue> record = item(LINKED, TableKeys.day(LocalDate.parse("2026-12-03")),
                TableKeys.activitySortKey("2026-12-03T12:00:00Z", "u1"));
        assertNotNull(record, "the unlink is recorded");
        assertEquals("ops@example.org", record.get(ActivityItem.BY).s());
        assertEquals("two people after all", record.get(ActivityItem.WHY).s());
        assertEquals("unlinked from " + PERSON, record.get(ActivityItem.LINK_RESULT).s());

        // acting after the unlink: each on its own again, as on the fresh table
        both(discord("d6", "message_posted", "2026-12-04T10:00:00Z"));
        both(github("g6", "comment", "2026-12-04T11:00:00Z"));
        assertEquals(profile(FRESH, IDENTITY), profile(LINKED, IDENTITY));
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON));
    }

    @Test
    void anIdentityLinkedForMoreWeeksThanOneTransactionHoldsIsUnlinkedInStepsAndExactly() {
        both(github("g0", "issue_opened", "2026-01-05T09:00:00Z"));
        both(discord("d0", "message_posted", "2026-01-05T10:00:00Z"));
        assertEquals("linked to " + PERSON,
                linked.handle(link("l1", IDENTITY, "octo_d", PERSON, "2026-01-05T12:00:00Z")).note());
        // 40 weeks and 10 months of parts: more than one transaction's 30
        Instant week = Instant.parse("2026-01-06T10:00:00Z");
        for (int i = 0; i < 40; i++) {
            Instant at = week.plus(Duration.ofDays(7L * i));
            both(discord("d" + (i + 1), "message_posted", at.toString()));
            if (i % 5 == 0) {
                both(github("g" + (i + 1), "comment", at.plusSeconds(3600).toString()));
            }
        }
        int parts = ownItems(LINKED).size();
        assertTrue(parts > 30, "parts to move: " + parts);

        assertTrue(linked.handle(unlink("u1", IDENTITY, "2026-12-03T12:00:00Z")).recorded());
        assertEquals(profile(FRESH, IDENTITY), profile(LINKED, IDENTITY));
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON));
        assertEquals(periods(FRESH, IDENTITY), periods(LINKED, IDENTITY));
        assertEquals(periodScores(FRESH, PERSON), periodScores(LINKED, PERSON));
        assertEquals(List.of(), ownItems(LINKED));
    }

    @Test
    void withAnotherIdentityStillLinkedThePersonKeepsItsOwnAndTheOthersRecords() {
        // the fresh table links only slack:U3; the linked one links discord:77 too, then unlinks it
        both(github("g1", "issue_opened", "2026-11-02T09:00:00Z"));
        both(action("s1", "slack:U3", "octo_s", "message_posted", "2026-11-02T10:00:00Z"));
        both(discord("d1", "message_posted", "2026-11-02T11:00:00Z"));
        assertEquals("linked to " + PERSON, linked.handle(link("l1", "slack:U3", "octo_s", PERSON,
                "2026-11-03T12:00:00Z")).note());
        assertEquals("linked to " + PERSON, fresh.handle(link("l1", "slack:U3", "octo_s", PERSON,
                "2026-11-03T12:00:00Z")).note());
        assertEquals("linked to " + PERSON, linked.handle(link("l2", IDENTITY, "octo_d", PERSON,
                "2026-11-03T13:00:00Z")).note());
        both(action("s2", "slack:U3", "octo_s", "message_posted", "2026-11-04T10:00:00Z"));
        both(discord("d2", "message_posted", "2026-11-10T11:00:00Z"));
        both(github("g2", "comment", "2026-11-11T09:00:00Z"));

        assertTrue(linked.handle(unlink("u1", IDENTITY, "2026-11-12T12:00:00Z")).recorded());
        assertEquals(profile(FRESH, IDENTITY), profile(LINKED, IDENTITY));
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON), "the person with slack:U3 still linked");
        assertEquals(periodScores(FRESH, PERSON), periodScores(LINKED, PERSON));
        assertEquals(List.of(), ownItems(LINKED).stream().filter(own -> own.startsWith(IDENTITY)).toList());
        assertTrue(ownItems(LINKED).contains(PERSON + " OWN"), "the person still has a linked identity: " + ownItems(LINKED));
    }

    @Test
    void unlinkingWhatIsNotLinkedRecordsTheRefusalAndChangesNothing() {
        both(github("g1", "issue_opened", "2026-11-02T09:00:00Z"));
        both(discord("d1", "message_posted", "2026-11-02T10:00:00Z"));
        Map<String, Object> before = profile(LINKED, IDENTITY);

        ScoringService.Result refused = linked.handle(unlink("u1", IDENTITY, "2026-11-03T12:00:00Z"));
        assertEquals("refused: " + IDENTITY + " is not linked to anyone", refused.note());
        assertEquals(before, profile(LINKED, IDENTITY));
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON));

        // linked, unlinked, unlinked again: the second is refused; a redelivery of the first is counted once
        linked.handle(link("l1", IDENTITY, "octo_d", PERSON, "2026-11-04T12:00:00Z"));
        assertTrue(linked.handle(unlink("u2", IDENTITY, "2026-11-05T12:00:00Z")).recorded());
        Map<String, Object> unlinked = profile(LINKED, IDENTITY);
        assertFalse(linked.handle(unlink("u2", IDENTITY, "2026-11-05T12:00:00Z")).recorded(), "a redelivery");
        assertEquals("refused: " + IDENTITY + " is not linked to anyone",
                linked.handle(unlink("u3", IDENTITY, "2026-11-06T12:00:00Z")).note());
        assertEquals(unlinked, profile(LINKED, IDENTITY));
        assertEquals(profile(FRESH, IDENTITY), unlinked);
        assertEquals(profile(FRESH, PERSON), profile(LINKED, PERSON));
    }

    @Test
    void aLinkMadeBeforeOwnRecordsWereKeptIsRefusedNotGuessed() {
        both(github("g1", "issue_opened", "2026-11-02T09:00:00Z"));
        both(discord("d1", "message_posted", "2026-11-02T10:00:00Z"));
        linked.handle(link("l1", IDENTITY, "octo_d", PERSON, "2026-11-04T12:00:00Z"));
        // as an earlier version left it: the link, no own records
        LINKED.client().deleteItem(r -> r.tableName(LINKED.name()).key(key(TableKeys.person(IDENTITY), TableKeys.OWN)));
        Map<String, Object> stub = profile(LINKED, IDENTITY);

        ScoringService.Result refused = linked.handle(unlink("u1", IDENTITY, "2026-11-05T12:00:00Z"));
        assertTrue(refused.note().startsWith("refused: " + IDENTITY + " has no record of its own"), refused.note());
        assertEquals(stub, profile(LINKED, IDENTITY), "still linked");
        assertNull(profile(LINKED, PERSON).get("missing"));
    }

    // --- reading the tables ---

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> item(ContributorTable table, String pk, String sk) {
        var response = table.client().getItem(r -> r.tableName(table.name()).consistentRead(true).key(key(pk, sk)));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    /** A PROFILE's attributes as plain values, without the concurrency counter (a replay makes fewer writes). */
    private static Map<String, Object> profile(ContributorTable table, String id) {
        Map<String, AttributeValue> item = item(table, TableKeys.person(id), TableKeys.PROFILE);
        assertNotNull(item, id + " in " + table.name());
        Map<String, Object> plain = plain(item);
        plain.remove(ProfileItem.VERSION);
        return plain;
    }

    private static List<Map<String, AttributeValue>> partition(ContributorTable table, String pk) {
        return table.client().queryPaginator(q -> q.tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items().stream().toList();
    }

    /** The WEEK# and MONTH# items of an identity, every attribute. */
    private static Map<String, Map<String, Object>> periods(ContributorTable table, String id) {
        Map<String, Map<String, Object>> periods = new TreeMap<>();
        for (Map<String, AttributeValue> item : partition(table, TableKeys.person(id))) {
            String sk = item.get(TableKeys.SK).s();
            if (sk.startsWith("WEEK#") || sk.startsWith("MONTH#")) {
                periods.put(sk, plain(item));
            }
        }
        return periods;
    }

    /**
     * The person's periods without {@code days}, which keep the unlinked identity's days (erasure's index, a
     * superset), and without the link's and the unlink's own days' items, which a fresh table has not.
     */
    private static Map<String, String> periodScores(ContributorTable table, String id) {
        Map<String, String> scores = new TreeMap<>();
        periods(table, id).forEach((sk, item) -> {
            Object score = item.get(PeriodItem.SCORE);
            if (score != null && !"0".equals(score)) {
                scores.put(sk, score + " " + item.get(PeriodItem.LB_PK) + " " + item.get(PeriodItem.LB_SCORE));
            }
        });
        return scores;
    }

    private static List<String> ownItems(ContributorTable table) {
        List<String> own = new ArrayList<>();
        for (String id : List.of(PERSON, IDENTITY)) {
            for (Map<String, AttributeValue> item : partition(table, TableKeys.person(id))) {
                if (item.get(TableKeys.SK).s().startsWith(TableKeys.OWN)) {
                    own.add(id + " " + item.get(TableKeys.SK).s());
                }
            }
        }
        return own;
    }

    private static List<String> board(ContributorTable table) {
        return table.client().queryPaginator(q -> q.tableName(table.name()).indexName(TableKeys.LEADERBOARD_INDEX)
                        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.LB_PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.LB_ALL))))
                .items().stream().map(i -> i.get(TableKeys.PK).s() + " " + i.get(TableKeys.LB_SCORE).n()).sorted().toList();
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> values = new TreeMap<>();
        item.forEach((name, value) -> values.put(name, plain(value)));
        return values;
    }

    private static Object plain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return new java.math.BigDecimal(value.n()).stripTrailingZeros().toPlainString();
        }
        if (value.hasSs()) {
            return new ArrayList<>(new TreeSet<>(value.ss()));
        }
        if (value.hasL()) {
            return value.l().stream().map(UnlinkIT::plain).toList();
        }
        if (value.hasM()) {
            return plain(value.m());
        }
        return value.bool();
    }
}
