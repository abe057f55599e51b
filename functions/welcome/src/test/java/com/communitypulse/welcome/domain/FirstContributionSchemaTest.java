package com.communitypulse.welcome.domain;

import com.communitypulse.testkit.EventSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.events.FirstContributionEvent;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of {@code contributor.first_contribution}: what its published schema allows, the welcome
 * function reads, field for field as the shared record does; what the schema requires, it refuses without.
 */
class FirstContributionSchemaTest {
    private static EventSchema schema() throws Exception {
        return EventSchema.load(FirstContributionEvent.SCHEMA);
    }

    private static void assertReadsLikeTheRecord(JsonNode detail) {
        FirstContributionEvent event = FirstContributionEvent.fromDetail(detail);
        FirstContribution read = FirstContribution.fromDetail(detail);
        assertEquals(List.of(event.person(), event.identity(), event.login(), event.platform(), event.kind()),
                List.of(read.person(), read.identity(), read.login(), read.platform(), read.kind()));
        assertEquals(event.action(), read.action());
    }

    @Test
    void everyExampleOfTheSchemaIsReadAsTheScorerMeantIt() throws Exception {
        EventSchema schema = schema();
        for (JsonNode example : schema.document().get("examples")) {
            assertEquals(List.of(), schema.problems(example));
            assertReadsLikeTheRecord(example);
        }
    }

    @Test
    void aDetailWrittenByTheSharedRecordIsValidAndRead() throws Exception {
        CommunityAction action = new CommunityAction(CommunityAction.EVENT, "a1", "discord:80351110224678912", "ada",
                CommunityAction.USER, new ActionContext("discord", "message_posted", null, 0.1, null, 12, null, null,
                null, null, null, null), "2026-11-20T10:00:00Z");
        ObjectNode detail = new FirstContributionEvent("github:583231", "discord:80351110224678912", "ada", "discord",
                "user", action).detail();
        assertEquals(List.of(), schema().problems(detail));
        assertReadsLikeTheRecord(detail);
        assertEquals("github:583231", FirstContribution.fromDetail(detail).person(), "a linked identity welcomes its person");
    }

    @Test
    void whatTheSchemaRequiresTheWelcomeRefusesWithout() throws Exception {
        EventSchema schema = schema();
        for (String required : List.of("identity", "action")) {
            ObjectNode missing = schema.document().get("examples").get(0).deepCopy();
            missing.remove(required);
            assertFalse(schema.problems(missing).isEmpty(), required);
            assertThrows(InvalidEventException.class, () -> FirstContribution.fromDetail(missing), required);
        }
    }
}
