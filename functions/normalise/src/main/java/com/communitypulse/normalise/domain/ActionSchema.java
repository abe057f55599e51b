package com.communitypulse.normalise.domain;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The published JSON Schema of {@code community.action} ({@code shared}'s
 * {@code schemas/community-action.schema.json}), loaded once.
 */
public final class ActionSchema {
    static final String RESOURCE = "/schemas/community-action.schema.json";
    private static final ActionSchema INSTANCE = new ActionSchema();

    private final JsonSchema schema;

    private ActionSchema() {
        try (InputStream in = ActionSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (it ships in the shared jar)");
            }
            JsonNode document = Json.mapper().readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static ActionSchema get() {
        return INSTANCE;
    }

    /** What is wrong with {@code action}, one line per problem (paths and rules, never values); empty when valid. */
    public List<String> problems(JsonNode action) {
        return schema.validate(action).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
