package com.communitypulse.normalise.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.normalise.domain.TestDeliveries.CorpusPayload;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published schema ({@code shared/src/main/resources/schemas/community-action.schema.json}),
 * loaded here directly with networknt's draft-07 validator: every action the normaliser makes from
 * the corpus and the fixtures validates, the schema and the Java model name the same fields, and
 * the schema rejects what it must.
 */
class SchemaTest {
    private static JsonSchema schema;
    private static JsonNode document;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schemas/community-action.schema.json")) {
            document = Json.mapper().readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document);
    }

    @Test
    void everyNormalisedActionValidates() {
        Normaliser normaliser = new Normaliser(new NormaliserConfig(Set.of("github")));
        List<CommunityAction> actions = new ArrayList<>();
        for (CorpusPayload payload : TestDeliveries.corpus()) {
            actions.addAll(normaliser.normalise(TestDeliveries.github(payload.event(), payload.payload())).communityActions());
        }
        for (String fixture : TestDeliveries.fixtures()) {
            actions.addAll(normaliser.normalise(TestDeliveries.fixture(fixture)).communityActions());
        }
        assertTrue(actions.size() > 60, "actions checked: " + actions.size());
        for (CommunityAction action : actions) {
            assertEquals(Set.of(), schema.validate(ActionJson.tree(action)), action::toString);
        }
    }

    @Test
    void theSchemaIsDraft07AndNamesExactlyTheModelsFields() {
        assertEquals("http://json-schema.org/draft-07/schema#", document.get("$schema").asText());
        CommunityAction full = new CommunityAction(CommunityAction.EVENT, "id", "github:1", "octocat", "user",
                new ActionContext("github", "comment", "o/r", 0.5, "https://github.com/o/r", 3, true, "NONE",
                        "github:o/r#1", "github:2", "discord:3", "d", "backfill", "ops@example.org", "a reason",
                        List.of("octocat"), "0".repeat(64), 2, List.of("o/r#1")),
                "2026-11-20T10:00:00Z");
        ObjectNode written = ActionJson.tree(full);
        assertEquals(names(document.get("properties")), names(written));
        assertEquals(names(document.get("properties").get("context").get("properties")), names(written.get("context")));
        assertEquals(Set.of(), schema.validate(written));
    }

    @Test
    void theSchemasTypesAreTheModelsTypes() {
        List<String> enumerated = new ArrayList<>();
        document.at("/properties/context/allOf/0/then/properties/type/enum")
                .forEach(type -> enumerated.add(type.asText()));
        List<String> expected = new ArrayList<>(ActionTypes.ALL);
        expected.addAll(ActionTypes.ADMIN);
        assertEquals(expected, enumerated);
    }

    @Test
    void aCrmIdSetTargetIsTheCrmIdAndAnyOtherTargetAnIdentity() {
        ObjectNode action = (ObjectNode) TestDeliveries.json("""
                {"event":"community.action","id":"abc","actor":"github:1","actor_login":"octocat","actor_kind":"user",
                 "context":{"platform":"github","type":"crm_id_set","target":"0013000000 AbC/42","by":"ops"},
                 "timestamp":"2026-11-20T10:00:00Z"}""");
        assertEquals(Set.of(), schema.validate(action), "a CRM id need not look like an identity");
        ObjectNode context = (ObjectNode) action.get("context");
        context.remove("target");
        assertEquals(Set.of(), schema.validate(action), "no target: the CRM id is cleared");
        for (String bad : List.of("x".repeat(129), "a\nb", " lead", "trail ", "")) {
            context.put("target", bad);
            assertFalse(schema.validate(action).isEmpty(), "accepted CRM id: " + bad);
        }
        context.put("target", "0013000000AbC");
        context.put("type", "kudos_given");
        assertFalse(schema.validate(action).isEmpty(), "a kudos target must still be an identity");
        context.put("target", "github:2");
        assertEquals(Set.of(), schema.validate(action));
    }

    @Test
    void theSchemaRejectsMalformedActions() {
        rejects(action -> action.remove("actor"));
        rejects(action -> action.put("actor", "583231"));
        rejects(action -> action.put("actor_kind", "robot"));
        rejects(action -> action.put("timestamp", "2026-11-20T10:00:00+01:00"));
        rejects(action -> action.put("timestamp", "yesterday"));
        rejects(action -> action.put("event", "community.thing"));
        rejects(action -> action.put("extra", 1));
        rejects(action -> ((ObjectNode) action.get("context")).put("type", "went_to_lunch"));
        rejects(action -> ((ObjectNode) action.get("context")).put("platform", "myspace"));
        rejects(action -> ((ObjectNode) action.get("context")).put("platform", "custom").put("type", "Went to lunch"));
        rejects(action -> ((ObjectNode) action.get("context")).put("impact_score", 1.5));
        rejects(action -> ((ObjectNode) action.get("context")).put("length", -1));
        rejects(action -> ((ObjectNode) action.get("context")).remove("type"));
    }

    @Test
    void onlyCustomSourcesMayNameTheirOwnTypes() {
        ObjectNode action = (ObjectNode) TestDeliveries.json("""
                {"event":"community.action","id":"abc","actor":"custom:ada","actor_login":"ada","actor_kind":"user",
                 "context":{"platform":"custom","type":"talk_given"},"timestamp":"2026-11-20T10:00:00Z"}""");
        assertEquals(Set.of(), schema.validate(action));
        ((ObjectNode) action.get("context")).put("platform", "slack");
        assertFalse(schema.validate(action).isEmpty(), "a platform's action has a listed type");
    }

    private static void rejects(Consumer<ObjectNode> breakIt) {
        ObjectNode action = (ObjectNode) TestDeliveries.json("""
                {"event":"community.action","id":"abc","actor":"github:1","actor_login":"octocat","actor_kind":"user",
                 "context":{"platform":"github","type":"comment","length":3},"timestamp":"2026-11-20T10:00:00Z"}""");
        assertEquals(Set.of(), schema.validate(action), "the base action is valid");
        breakIt.accept(action);
        assertFalse(schema.validate(action).isEmpty(), "accepted: " + action);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
