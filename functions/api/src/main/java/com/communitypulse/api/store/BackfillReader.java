package com.communitypulse.api.store;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /backfill}: each backfill's state item ({@code BACKFILL} / {@code {platform}#{source}}, written by the
 * backfill function, docs/backfill.md), one Query: where it is, what it fetched and published, the requests it spent
 * and the rate limit it left, when it started and finished, its last error, and an estimate of the time left in the
 * list it is reading (pages left at the pace so far).
 */
public final class BackfillReader {
    /** Numbers shown as they are stored. */
    private static final List<String> COUNTS = List.of("items_fetched", "events_published", "pages", "pages_unchanged",
            "requests", "skipped", "runs", "rate_remaining", "rate_floor", "phase_pages_left", "step");
    private static final List<String> TEXTS = List.of("status", "phase", "run_since", "started_at", "run_started_at",
            "finished_at", "updated_at", "resume_after", "rate_reset", "last_error", "last_completed_run_started_at");

    private final DynamoDbClient dynamo;
    private final String table;

    public BackfillReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public ObjectNode read() {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode items = out.putArray("items");
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.BACKFILL))).exclusiveStartKey(from));
            page.items().forEach(item -> items.add(view(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    static ObjectNode view(Map<String, AttributeValue> item) {
        ObjectNode view = Json.mapper().createObjectNode();
        view.put("platform", text(item, "platform"));
        view.put("repository", text(item, "source"));
        for (String name : TEXTS) {
            view.put(name, text(item, name));
        }
        ObjectNode position = view.putObject("position");
        position.put("page", text(item, "page"));
        position.put("since", text(item, "position_since"));
        for (String name : COUNTS) {
            AttributeValue value = item.get(name);
            if (value != null && value.n() != null) {
                view.put(name, Long.parseLong(value.n()));
            } else {
                view.putNull(name);
            }
        }
        long pages = number(item, "pages");
        long left = number(item, "phase_pages_left");
        double busy = item.containsKey("busy_seconds") ? Double.parseDouble(item.get("busy_seconds").n()) : 0;
        if (pages > 0 && left > 0 && !"done".equals(text(item, "status"))) {
            view.put("estimate_seconds_left_in_phase", Math.round(busy / pages * left));
        } else {
            view.putNull("estimate_seconds_left_in_phase");
        }
        return view;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
