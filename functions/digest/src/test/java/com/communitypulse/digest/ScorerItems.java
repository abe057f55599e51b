package com.communitypulse.digest;

import com.communitypulse.shared.store.TableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Items in the shape the scorer writes them (TableKeys), for the digest to read back; the table is the test kit's. */
final class ScorerItems {
    private ScorerItems() {
    }

    /** Writes {@code items} in batches of 25, as the scorer's items would be there after scoring. */
    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (var item : items.subList(i, Math.min(i + 25, items.size()))) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            var pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                var response = dynamo.batchWriteItem(r -> r.requestItems(pending));
                if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
                    break;
                }
                throw new IllegalStateException("DynamoDB Local left items unprocessed");
            }
        }
    }

    static Map<String, AttributeValue> action(String id, String person, String login, String kind, String type,
                                              double impact, String ts, boolean first, String thread) {
        Instant at = Instant.parse(ts);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, s(TableKeys.day(at.atZone(java.time.ZoneOffset.UTC).toLocalDate())));
        item.put(TableKeys.SK, s(TableKeys.activitySortKey(ts, id)));
        item.put("action_id", s(id));
        item.put("person", s(person));
        item.put("actor", s(person));
        item.put("login", s(login));
        item.put("kind", s(kind));
        item.put("platform", s(person.substring(0, person.indexOf(':'))));
        item.put("type", s(type));
        item.put("repo", s("octo/hello"));
        item.put("impact", AttributeValue.fromN(Double.toString(impact)));
        item.put("ts", s(ts));
        item.put("first", AttributeValue.fromBool(first));
        item.put("url", s("https://github.com/octo/hello/pull/" + Math.abs(id.hashCode() % 1000)));
        item.put(TableKeys.TTL, AttributeValue.fromN(Long.toString(at.getEpochSecond() + 400L * 86_400)));
        if (thread != null) {
            item.put("thread", s(thread));
        }
        return item;
    }

    static Map<String, AttributeValue> user(String id, String person, String login, String type, double impact, String ts,
                                            String thread) {
        return action(id, person, login, "user", type, impact, ts, false, thread);
    }

    static Map<String, AttributeValue> tierChange(String id, String person, String login, String from, String to, String ts) {
        Map<String, AttributeValue> item = action(id, person, login, "user", "tier_changed", 0, ts, false, null);
        item.put("from_tier", s(from));
        item.put("to_tier", s(to));
        return item;
    }

    static Map<String, AttributeValue> thread(String id, String openedAt, String author, String authorLogin,
                                              String firstResponseAt, String firstResponder) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, s(TableKeys.thread(id)));
        item.put(TableKeys.SK, s("THREAD"));
        item.put("thread", s(id));
        item.put("platform", s("github"));
        item.put("repo", s("octo/hello"));
        item.put("opened_at", s(openedAt));
        item.put("author", s(author));
        item.put("author_login", s(authorLogin));
        item.put("url", s("https://github.com/octo/hello/issues/" + Math.abs(id.hashCode() % 1000)));
        if (firstResponseAt != null) {
            item.put("first_response_at", s(firstResponseAt));
            item.put("first_responder", s(firstResponder));
        }
        return item;
    }

    static Map<String, AttributeValue> profile(String identity, String login, String kind) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, s(TableKeys.person(identity)));
        item.put(TableKeys.SK, s(TableKeys.PROFILE));
        item.put("id", s(identity));
        item.put("login", s(login));
        item.put("kind", s(kind));
        item.put("platform", s(identity.substring(0, identity.indexOf(':'))));
        return item;
    }

    /** A linked identity's PROFILE only names its person. */
    static Map<String, AttributeValue> linked(String identity, String person) {
        return Map.of(TableKeys.PK, s(TableKeys.person(identity)), TableKeys.SK, s(TableKeys.PROFILE),
                "linked_to", s(person));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
