package com.communitypulse.webhook.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a {@link RawDelivery} under EventBridge's 256 KB entry limit. A detail that fits is
 * published as is. One that does not is projected, in two documented steps, until it fits:
 * <ol>
 * <li>every string longer than {@value #MAX_STRING} characters is cut to its first
 *     {@value #MAX_STRING}, and a sibling {@code <field>__length} records the original length
 *     (Java {@code String.length()}, i.e. UTF-16 units); strings inside arrays are cut without one;</li>
 * <li>arrays named in {@link #DROPPABLE_ARRAYS} are removed wherever they occur, one name at a
 *     time in that order, until it fits.</li>
 * </ol>
 * A projected delivery carries the header {@value #PROJECTION_HEADER} saying what was done.
 * If even that does not fit, {@link #fit} answers empty and the request is refused with 413.
 */
public final class DetailProjection {
    /** Detail budget: 256 KB less room for the entry's source, detail type and envelope. */
    public static final int DEFAULT_LIMIT_BYTES = 240 * 1024;
    public static final int MAX_STRING = 1000;
    public static final String LENGTH_SUFFIX = "__length";
    public static final String PROJECTION_HEADER = "x-community-pulse-projection";
    /** Bulky lists scoring never needs, in the order they are given up. */
    public static final List<String> DROPPABLE_ARRAYS = List.of("commits", "files", "labels", "assignees",
            "requested_reviewers", "requested_teams", "reactions", "attachments", "blocks", "options");

    private final int limitBytes;

    public DetailProjection() {
        this(DEFAULT_LIMIT_BYTES);
    }

    public DetailProjection(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** The detail JSON to publish, or empty when no projection fits. */
    public Optional<String> fit(RawDelivery delivery) {
        String whole = write(delivery);
        if (fits(whole)) {
            return Optional.of(whole);
        }
        JsonNode payload = delivery.payload().deepCopy();
        int cut = cutLongStrings(payload);
        List<String> dropped = new ArrayList<>();
        String projected = write(withPayload(delivery, payload, cut, dropped));
        for (int i = 0; !fits(projected) && i < DROPPABLE_ARRAYS.size(); i++) {
            String name = DROPPABLE_ARRAYS.get(i);
            if (dropArrays(payload, name)) {
                dropped.add(name);
                projected = write(withPayload(delivery, payload, cut, dropped));
            }
        }
        return fits(projected) ? Optional.of(projected) : Optional.empty();
    }

    private boolean fits(String json) {
        // cheap sufficient check first: a Java char is at most 3 UTF-8 bytes
        return json.length() * 3L <= limitBytes || json.getBytes(StandardCharsets.UTF_8).length <= limitBytes;
    }

    private static RawDelivery withPayload(RawDelivery delivery, JsonNode payload, int cut, List<String> dropped) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        headers.put(PROJECTION_HEADER, "strings_cut=" + cut + ";arrays_dropped=" + String.join(",", dropped));
        return new RawDelivery(delivery.platform(), delivery.event(), delivery.deliveryId(), delivery.receivedAt(),
                headers, payload, delivery.payloadRef());
    }

    /** Cuts long strings in place; returns how many were cut. */
    static int cutLongStrings(JsonNode node) {
        int cut = 0;
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().length() > MAX_STRING) {
                    String text = value.asText();
                    object.put(name, prefix(text));
                    object.put(name + LENGTH_SUFFIX, text.length());
                    cut++;
                } else {
                    cut += cutLongStrings(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && value.asText().length() > MAX_STRING) {
                    array.set(i, array.textNode(prefix(value.asText())));
                    cut++;
                } else {
                    cut += cutLongStrings(value);
                }
            }
        }
        return cut;
    }

    /** The first {@value #MAX_STRING} chars, one fewer if that would split a surrogate pair. */
    private static String prefix(String text) {
        int end = MAX_STRING;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Removes every array field with this name, anywhere; true if any was removed. */
    static boolean dropArrays(JsonNode node, String name) {
        boolean dropped = false;
        if (node instanceof ObjectNode object) {
            if (object.path(name).isArray()) {
                object.remove(name);
                dropped = true;
            }
            for (JsonNode child : object) {
                dropped |= dropArrays(child, name);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                dropped |= dropArrays(child, name);
            }
        }
        return dropped;
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a delivery", e);
        }
    }
}
