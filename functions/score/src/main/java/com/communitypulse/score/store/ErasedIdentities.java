package com.communitypulse.score.store;

import com.communitypulse.shared.store.TableKeys;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Identities whose person was erased (the right to be forgotten): the erasure CLI leaves an
 * {@code ERASED#{hex sha-256(salt + identity)}} / {@code ERASED} item per platform id, with no TTL
 * and nothing else personal, so later deliveries from them are acknowledged and dropped instead of
 * starting a new profile. One strongly consistent GetItem per action. The salt ({@code ERASURE_SALT},
 * template parameter {@code ErasureSalt}) must be the one the CLI used.
 */
public final class ErasedIdentities {
    /** The template's default, used when {@code ERASURE_SALT} is not set (tests, runners without it). */
    public static final String DEFAULT_SALT = TableKeys.DEFAULT_ERASURE_SALT;
    public static final String SK = TableKeys.ERASED;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String salt;

    public ErasedIdentities(DynamoDbClient dynamo, String table, String salt) {
        this.dynamo = dynamo;
        this.table = table;
        this.salt = salt;
    }

    /** True when the table holds an erasure marker for this identity (e.g. {@code github:583231}). */
    public boolean contains(String identity) {
        var response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(TableKeys.PK, AttributeValue.fromS(pk(salt, identity)), TableKeys.SK, AttributeValue.fromS(SK))));
        return response.hasItem() && !response.item().isEmpty();
    }

    /**
     * The erased ones among some identities (nulls ignored), in one request: a GetItem for one, a
     * strongly consistent BatchGetItem for more (an action's actor and its thread's author).
     */
    public Set<String> among(String... identities) {
        Map<String, String> byPk = new LinkedHashMap<>();
        for (String identity : identities) {
            if (identity != null) {
                byPk.put(pk(salt, identity), identity);
            }
        }
        if (byPk.size() <= 1) {
            return byPk.values().stream().filter(this::contains).collect(Collectors.toSet());
        }
        List<Map<String, AttributeValue>> keys = byPk.keySet().stream()
                .map(pk -> Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(SK))).toList();
        Set<String> erased = new HashSet<>();
        BatchGetItemRequest request = BatchGetItemRequest.builder()
                .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())).build();
        while (request != null) {
            BatchGetItemResponse response = dynamo.batchGetItem(request);
            response.responses().getOrDefault(table, List.of())
                    .forEach(item -> erased.add(byPk.get(item.get(TableKeys.PK).s())));
            request = response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()
                    ? request.toBuilder().requestItems(response.unprocessedKeys()).build() : null;
        }
        return erased;
    }

    /** The marker pk the erasure CLI writes ({@link TableKeys#erased}). */
    public static String pk(String salt, String identity) {
        return TableKeys.erased(salt, identity);
    }
}
