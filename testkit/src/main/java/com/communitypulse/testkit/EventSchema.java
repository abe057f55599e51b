package com.communitypulse.testkit;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A bus event's published schema from the shared jar ({@code /schemas/<detail-type>.schema.json}), for the
 * tests of its producer and its consumers: what is wrong with a detail, one line per problem.
 */
public record EventSchema(String resource, JsonNode document, JsonSchema schema) {
    public static EventSchema load(String resource) {
        try (InputStream in = EventSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            JsonNode document = Json.mapper().readTree(in);
            return new EventSchema(resource, document, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> problems(JsonNode detail) {
        return schema.validate(detail).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schema's own examples. */
    public List<JsonNode> examples() {
        List<JsonNode> out = new java.util.ArrayList<>();
        document.path("examples").forEach(out::add);
        return out;
    }
}
