package com.communitypulse.score.domain;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A published schema from the shared jar, for tests: what is wrong with a detail, one line per problem. */
record EventSchema(String resource, JsonNode document, JsonSchema schema) {
    static EventSchema load(String resource) throws IOException {
        try (InputStream in = EventSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            JsonNode document = Json.mapper().readTree(in);
            return new EventSchema(resource, document, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document));
        }
    }

    List<String> problems(JsonNode detail) {
        return schema.validate(detail).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
