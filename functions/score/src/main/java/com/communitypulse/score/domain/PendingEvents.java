package com.communitypulse.score.domain;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bus events a plan stores on its activity item ({@code events}, {@code events_published}) until they are
 * confirmed published: the outbox's codec.
 */
public final class PendingEvents {
    private PendingEvents() {
    }

    /** Stores the events on the activity item until they are confirmed published. */
    public static void attach(Map<String, Object> activity, List<BusEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Map<String, String>> stored = new ArrayList<>();
        for (BusEvent e : events) {
            Map<String, String> m = new HashMap<>();
            m.put("source", e.source());
            m.put("detail_type", e.detailType());
            m.put("detail", e.detail());
            stored.add(m);
        }
        try {
            activity.put(TableKeys.EVENTS, Json.mapper().writeValueAsString(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        activity.put(TableKeys.EVENTS_PUBLISHED, false);
    }

    public static List<BusEvent> read(String json) {
        try {
            List<BusEvent> events = new ArrayList<>();
            for (var node : Json.mapper().readTree(json)) {
                events.add(new BusEvent(node.path("source").asText(), node.path("detail_type").asText(),
                        node.path("detail").asText()));
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored events are not valid JSON", e);
        }
    }
}
