package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml against AWS's own JSON Schema for SAM templates (draft-04, copied with its NOTICE). */
class SamSchemaTest {
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SamSchemaTest.class.getResourceAsStream("/sam/sam.schema.json")) {
            JsonNode node = Json.mapper().readTree(in);
            assertEquals("http://json-schema.org/draft-04/schema#", node.path("$schema").asText(),
                    "the copied SAM schema should be draft-04");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
        }
    }

    @Test
    void theTemplateIsAValidSamTemplate() {
        Set<ValidationMessage> errors = schema.validate(Template.get().asJson());

        assertTrue(errors.isEmpty(), () -> "template.yaml does not match AWS's SAM schema:\n"
                + errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n")));
    }

    @Test
    void theSchemaCatchesAMistakeInAFunction() {
        // the check above can fail: a misspelt function property is reported with its resource
        ObjectNode broken = (ObjectNode) Template.get().asJson();
        ((ObjectNode) broken.path("Resources").path("ScoreFunction").path("Properties")).put("Handlr", "x");

        Set<ValidationMessage> errors = schema.validate(broken);

        assertFalse(errors.isEmpty(), "a misspelt property should not validate");
        assertTrue(errors.stream().anyMatch(e -> e.toString().contains("ScoreFunction")),
                () -> "the error should name ScoreFunction: " + errors);
    }
}
