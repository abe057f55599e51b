package com.communitypulse.webhook.platform;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Parsing and shape checks shared by the platforms. */
final class JsonBodies {
    /** Event names become EventBridge detail types: keep them short and plain. */
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** The shared bounded mapper, strict about anything after the document. */
    private static final ObjectReader READER = Json.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** The body as a JSON object, or 400. */
    static ObjectNode object(byte[] body, String what) throws Rejected {
        JsonNode node;
        try {
            node = READER.readValue(body);
        } catch (IOException notJson) {
            throw Rejected.badRequest("not_json", what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw Rejected.badRequest("bad_shape", what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode object(String text, String what) throws Rejected {
        return object(text.getBytes(StandardCharsets.UTF_8), what);
    }

    /** A required non-blank text field, or 400. */
    static String text(JsonNode node, String field, String where) throws Rejected {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw Rejected.badRequest("bad_shape", where + "." + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** An event name safe for a detail type, or 400. */
    static String eventName(String value, String source) throws Rejected {
        if (value == null || !EVENT_NAME.matcher(value).matches()) {
            throw Rejected.badRequest("bad_event", source + " is missing or not a plain event name");
        }
        return value;
    }

    /** Hex SHA-256 of text: a fixed-length de-duplication key for content that has no id of its own. */
    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
