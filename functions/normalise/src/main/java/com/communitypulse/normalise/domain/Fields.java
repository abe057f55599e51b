package com.communitypulse.normalise.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers for platform JSON: present-or-null, never a Jackson default that hides a missing field. */
final class Fields {
    /** Suffix the webhook adds beside a string it shortened to fit the bus: the original length. */
    static final String LENGTH_SUFFIX = "__length";

    private Fields() {
    }

    /** The text of a string or number field; null when absent, null or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    static String required(JsonNode node, String field, String where) throws Unmappable {
        String value = text(node, field);
        if (value == null) {
            throw new Unmappable("missing " + where + "." + field);
        }
        return value;
    }

    static JsonNode object(JsonNode node, String field, String where) throws Unmappable {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isObject()) {
            throw new Unmappable("missing object " + where + "." + field);
        }
        return value;
    }

    /**
     * Characters of a text field: the {@code <field>__length} the webhook recorded when it shortened
     * the string for the bus, else the string's own length, counted the same way (Java
     * {@code String.length()}, UTF-16 units: an emoji outside the BMP counts 2); null when the field
     * is absent or null.
     */
    static Integer length(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode original = node.get(field + LENGTH_SUFFIX);
        if (original != null && original.canConvertToInt() && original.asInt() >= 0) {
            return original.asInt();
        }
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        return value.asText().length();
    }
}
