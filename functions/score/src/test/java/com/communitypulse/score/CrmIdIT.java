package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code crm_id_set} on DynamoDB Local: the person's CRM id set, changed, cleared, once per action, nothing else moved. */
class CrmIdIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    private final RecordingPublisher bus = new RecordingPublisher();
    private final ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()),
            bus, new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));

    private static CommunityAction crm(String id, String actor, String crmId, String ts) {
        return new CommunityAction(CommunityAction.EVENT, id, actor, actor.substring(actor.indexOf(':') + 1),
                CommunityAction.USER, ActionContext.admin(actor.substring(0, actor.indexOf(':')), ActionTypes.CRM_ID_SET,
                crmId, "ops@example.org", "matched by e-mail"), ts);
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        var response = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk))));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static Map<String, AttributeValue> profile(String id) {
        return item(TableKeys.person(id), TableKeys.PROFILE);
    }

    /** The profile without what a CRM change may touch: everything that must stay as it was. */
    private static Map<String, AttributeValue> standing(String id) {
        Map<String, AttributeValue> item = new HashMap<>(profile(id));
        item.remove(ProfileItem.CRM_ID);
        item.remove(ProfileItem.CRM_ID_AT);
        item.remove(ProfileItem.VERSION);
        return item;
    }

    private static String crmId(String id) {
        AttributeValue value = profile(id).get(ProfileItem.CRM_ID);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> activity(String actionId, String ts) {
        return item(TableKeys.day(LocalDate.parse(ts.substring(0, 10))), TableKeys.activitySortKey(ts, actionId));
    }

    @Test
    void setChangeAndClearMoveOnlyTheCrmIdAndCountEachActionOnce() {
        scoring.handle(action("c-1", "github:101", "ada", "pr_merged", "2026-11-16T09:00:00Z"));
        Map<String, AttributeValue> before = standing("github:101");
        bus.clear();

        var set = scoring.handle(crm("crm-1", "github:101", "0013000000AbC", "2026-11-17T09:00:00Z"));
        assertTrue(set.recorded());
        assertEquals(0, set.impact().signum(), "no points");
        assertEquals("0013000000AbC", crmId("github:101"));
        assertEquals(before, standing("github:101"), "score, counts, tier, boards' rank, dates unchanged");
        Map<String, AttributeValue> recorded = activity("crm-1", "2026-11-17T09:00:00Z");
        assertEquals("crm_id_set", recorded.get(ActivityItem.TYPE).s());
        assertEquals("0013000000AbC", recorded.get(ActivityItem.TARGET).s());
        assertEquals("ops@example.org", recorded.get(ActivityItem.BY).s());
        assertEquals("matched by e-mail", recorded.get(ActivityItem.WHY).s());
        assertEquals("set", recorded.get(ActivityItem.RESULT).s());
        assertEquals("github:101", recorded.get(ActivityItem.PERSON).s());
        assertTrue(item(TableKeys.person("github:101"), TableKeys.weekSortKey("2026-W47")).get("days").ss()
                .contains("2026-11-17"), "its day is on the WEEK# item, where erasure finds it");

        long version = Long.parseLong(profile("github:101").get(ProfileItem.VERSION).n());
        var again = scoring.handle(crm("crm-1", "github:101", "0013000000AbC", "2026-11-17T09:00:00Z"));
        assertFalse(again.recorded(), "a redelivery is counted once");
        assertEquals(version, Long.parseLong(profile("github:101").get(ProfileItem.VERSION).n()));

        scoring.handle(crm("crm-2", "github:101", "0013000000XyZ", "2026-11-18T09:00:00Z"));
        assertEquals("0013000000XyZ", crmId("github:101"));

        var late = scoring.handle(crm("crm-0", "github:101", "0013000000Old", "2026-11-17T08:00:00Z"));
        assertTrue(late.recorded());
        assertEquals("0013000000XyZ", crmId("github:101"), "an older change delivered late does not win");
        assertTrue(activity("crm-0", "2026-11-17T08:00:00Z").get(ActivityItem.RESULT).s().startsWith("superseded"));

        var cleared = scoring.handle(crm("crm-3", "github:101", null, "2026-11-19T09:00:00Z"));
        assertTrue(cleared.recorded());
        assertNull(crmId("github:101"));
        assertEquals("cleared", activity("crm-3", "2026-11-19T09:00:00Z").get(ActivityItem.RESULT).s());
        assertEquals(before, standing("github:101"));
        assertEquals(0, bus.events().size(), "no events: " + bus.events());
    }

    @Test
    void aLinkedIdentitysChangeGoesToItsPerson() {
        scoring.handle(action("l-0", "github:202", "bob", "comment", "2026-11-16T09:00:00Z"));
        scoring.handle(action("l-1", "discord:77", "bob_d", "message_posted", "2026-11-16T10:00:00Z"));
        scoring.handle(link("l-2", "discord:77", "bob_d", "github:202", "2026-11-16T11:00:00Z"));
        Map<String, AttributeValue> before = standing("github:202");

        scoring.handle(crm("l-crm", "discord:77", "CRM-202", "2026-11-17T09:00:00Z"));
        assertEquals("CRM-202", crmId("github:202"));
        assertNull(profile("discord:77").get(ProfileItem.CRM_ID), "the link stub stays a pointer");
        assertEquals(before, standing("github:202"));
    }

    @Test
    void nobodyUnknownGetsAProfileAndABadIdIsRefused() {
        var unknown = scoring.handle(crm("u-1", "github:999", "CRM-999", "2026-11-17T09:00:00Z"));
        assertTrue(unknown.recorded(), "recorded, so a redelivery is not tried again");
        assertNull(profile("github:999"));
        assertTrue(activity("u-1", "2026-11-17T09:00:00Z").get(ActivityItem.RESULT).s().startsWith("refused"));

        scoring.handle(action("b-0", "custom:ana", "ana", "talk_given", "2026-11-16T09:00:00Z"));
        scoring.handle(crm("b-1", "custom:ana", "tab\tid", "2026-11-17T09:00:00Z"));
        assertNull(profile("custom:ana").get(ProfileItem.CRM_ID));
        assertTrue(activity("b-1", "2026-11-17T09:00:00Z").get(ActivityItem.RESULT).s().startsWith("refused: crm_id"));
    }
}
