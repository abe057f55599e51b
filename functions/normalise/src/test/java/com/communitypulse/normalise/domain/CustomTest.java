package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomTest {
    private static final Normaliser SPEAKS_FOR_GITHUB = new Normaliser(new NormaliserConfig(Set.of("github")));

    @Test
    void aCustomActionIsTakenAsSentWithItsIdNamespacedAndNoImpact() {
        CommunityAction action = Check.single(fixture("custom/action.with-id.json"));
        assertEquals(TestDeliveries.sha256("custom:id:meetup-2026-11-talk-42"), action.id());
        assertEquals("custom:ana", action.actor());
        assertEquals("docs_edited", action.context().type());
        assertEquals("custom", action.context().platform());
        assertEquals("2026-11-19T17:30:00Z", action.timestamp()); // 18:30+01:00
        assertNull(action.context().impactScore(), "only the scorer sets the impact");
        assertEquals("c0ffee01", action.context().deliveryId());
    }

    @Test
    void withoutAnIdTheContentGivesOneAndDefaultsAreFilledIn() {
        RawDelivery sent = fixture("custom/action.without-id.json");
        CommunityAction action = Check.single(sent);
        assertEquals("custom", action.context().platform(), "a custom source does not speak for GitHub by default");
        assertEquals("jira:10042", action.actor());
        assertEquals("10042", action.actorLogin());
        assertEquals("user", action.actorKind());
        assertNull(action.context().url());

        RawDelivery retry = new RawDelivery("custom", "action", "c0ffee99", "2026-11-20T11:00:00Z", Map.of(),
                sent.payload(), null);
        assertEquals(action.id(), Check.single(retry).id(), "a retry of the same body is the same action");

        ObjectNode other = sent.payload().deepCopy();
        ((ObjectNode) other.get("context")).put("repo", "OTHER");
        assertTrue(!action.id().equals(Check.single(new RawDelivery("custom", "action", "c1", sent.receivedAt(),
                Map.of(), other, null)).id()), "different content, different id");
    }

    @Test
    void aPlatformsPeopleAreCreditedOnlyWhenTheSourceMaySpeakForIt() {
        RawDelivery github = fixture("custom/action.github-actor.json");
        assertTrue(Check.ignored(github).reason().contains("cannot credit another platform's people"));

        CommunityAction allowed = Check.mapped(SPEAKS_FOR_GITHUB, github).get(0).action();
        assertEquals("github:583231", allowed.actor());
        assertEquals("github", allowed.context().platform());
    }

    @Test
    void aCustomSourceMayNameItsOwnType() {
        RawDelivery talk = new RawDelivery("custom", "action", "meetup-42-talk-ada", TestDeliveries.RECEIVED_AT, Map.of(),
                TestDeliveries.json("""
                        {"event":"community.action","id":"meetup-42-talk-ada","actor":"custom:ada@example.org",
                         "actor_login":"ada","context":{"platform":"custom","type":"talk_given",
                         "url":"https://meetup.example.org/events/42"},"timestamp":"2026-11-19T18:30:00Z"}"""), null);
        CommunityAction action = Check.single(talk);
        assertEquals("talk_given", action.context().type());
        assertEquals("custom:ada@example.org", action.actor());
    }

    @Test
    void aCustomSourceSetsACrmIdWithWhoAndWhy() {
        RawDelivery crm = new RawDelivery("custom", "action", "crm-sync-1", TestDeliveries.RECEIVED_AT, Map.of(),
                TestDeliveries.json("""
                        {"actor":"github:583231","context":{"platform":"github","type":"crm_id_set","target":"0013000000AbCdE",
                         "by":"hubspot-sync","why":"nightly match by e-mail"}}"""), null);
        CommunityAction action = Check.mapped(SPEAKS_FOR_GITHUB, crm).get(0).action();
        assertEquals("crm_id_set", action.context().type());
        assertEquals("github", action.context().platform());
        assertEquals("0013000000AbCdE", action.context().target());
        assertEquals("hubspot-sync", action.context().by());
        assertEquals("nightly match by e-mail", action.context().why());

        RawDelivery control = new RawDelivery("custom", "action", "crm-sync-2", TestDeliveries.RECEIVED_AT, Map.of(),
                TestDeliveries.json("""
                        {"actor":"custom:ana","context":{"type":"crm_id_set","target":"bad\\u0007id","by":"sync"}}"""),
                null);
        assertTrue(Check.unmappable(control).reason().contains("schema"), "a CRM id with a control character");
    }

    @Test
    void aCustomSourcesEmailHashIsCarriedAndGitHubProfilesAreNeverTakenAsSent() {
        String hash = TestDeliveries.sha256("ada@example.org");
        RawDelivery talk = new RawDelivery("custom", "action", "meetup-43-talk-ada", TestDeliveries.RECEIVED_AT, Map.of(),
                TestDeliveries.json("""
                        {"id":"meetup-43-talk-ada","actor":"custom:ada","context":{"type":"talk_given",
                         "email_sha256":"%s","github_profiles":["octocat"]}}""".formatted(hash)), null);
        CommunityAction action = Check.single(talk);
        assertEquals(hash, action.context().emailSha256());
        assertNull(action.context().githubProfiles(), "the normaliser's own, from a message it read");

        for (String bad : List.of("ada@example.org", hash.toUpperCase(), hash.substring(1))) {
            RawDelivery plain = new RawDelivery("custom", "action", "meetup-44", TestDeliveries.RECEIVED_AT, Map.of(),
                    TestDeliveries.json("""
                            {"actor":"custom:ada","context":{"type":"talk_given","email_sha256":"%s"}}""".formatted(bad)),
                    null);
            assertTrue(Check.unmappable(plain).reason().contains("schema"), "not a lower-case hex SHA-256: " + bad);
        }
    }

    @Test
    void anActionTheSchemaRejectsIsUnmappable() {
        Outcome outcome = Check.unmappable(fixture("custom/action.invalid.json"));
        assertTrue(outcome.reason().contains("schema"), outcome.reason());
    }

    @Test
    void theAllowedPlatformsComeFromTheEnvironmentAndMustBeKnown() {
        assertEquals(Set.of("github", "slack"),
                NormaliserConfig.from(new Env(Map.of("CUSTOM_SOURCE_PLATFORMS", " GitHub, slack ,"))).customSourcePlatforms());
        assertEquals(Set.of(), NormaliserConfig.from(new Env(Map.of())).customSourcePlatforms());
        assertThrows(IllegalArgumentException.class,
                () -> NormaliserConfig.from(new Env(Map.of("CUSTOM_SOURCE_PLATFORMS", "myspace"))));
    }
}
