package com.communitypulse.webhook.store;

import com.communitypulse.shared.store.TableKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Delivery claims as items {@code pk=DELIVERY#<platform>#<key>, sk=DELIVERY} with a 7-day TTL
 * ({@code expires_at}), written with a conditional PutItem so that exactly one of two concurrent
 * deliveries wins. The item's {@code state} is {@code pending} until the delivery is on the bus,
 * then {@code done}. The claim can be taken again when
 * <ul>
 * <li>it is past its {@code expires_at} but not yet removed (TTL deletion can lag by days), or</li>
 * <li>it is still {@code pending} after {@link #ABANDONED_AFTER}, longer than any invocation
 *     lives (the function's timeout is 20 s): the invocation that claimed it died before publishing.</li>
 * </ul>
 */
public final class DynamoDbDeliveryClaimStore implements DeliveryClaimStore {
    static final String SORT_KEY = "DELIVERY";
    static final Duration KEEP_FOR = Duration.ofDays(7);
    public static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    static final String STATE = "state";
    static final String PENDING = "pending";
    static final String DONE = "done";
    /** Keys longer than this are stored as their SHA-256, keeping the partition key well under DynamoDB's 2048 bytes. */
    static final int MAX_PLAIN_KEY = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDeliveryClaimStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Outcome claim(String platform, String key, String deliveryId, Instant now) {
        try {
            dynamo.putItem(put -> put.tableName(table)
                    .item(Map.of(
                            TableKeys.PK, s(pk(platform, key)),
                            TableKeys.SK, s(SORT_KEY),
                            TableKeys.TTL, n(now.plus(KEEP_FOR).getEpochSecond()),
                            STATE, s(PENDING),
                            "claimed_at", n(now.getEpochSecond()),
                            "platform", s(platform),
                            "delivery_id", s(deliveryId.length() > MAX_PLAIN_KEY ? deliveryId.substring(0, MAX_PLAIN_KEY) : deliveryId),
                            "received_at", s(now.toString())))
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now OR (#state = :pending AND #claimed < :abandoned)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#ttl", TableKeys.TTL, "#state", STATE,
                            "#claimed", "claimed_at"))
                    .expressionAttributeValues(Map.of(
                            ":now", n(now.getEpochSecond()),
                            ":pending", s(PENDING),
                            ":abandoned", n(now.minus(ABANDONED_AFTER).getEpochSecond()))));
            return Outcome.CLAIMED;
        } catch (ConditionalCheckFailedException seenBefore) {
            Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).consistentRead(true)
                    .key(key(platform, key))).item();
            boolean pending = item != null && item.containsKey(STATE) && PENDING.equals(item.get(STATE).s());
            return pending ? Outcome.IN_PROGRESS : Outcome.DUPLICATE;
        }
    }

    @Override
    public void confirm(String platform, String key, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(platform, key))
                    .updateExpression("SET #state = :done, published_at = :now")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#state", STATE, "#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":done", s(DONE), ":now", s(now.toString()))));
        } catch (ConditionalCheckFailedException gone) {
            // expired or released meanwhile: nothing to mark, and no item without a TTL is created
        }
    }

    @Override
    public void release(String platform, String key) {
        dynamo.deleteItem(delete -> delete.tableName(table).key(key(platform, key)));
    }

    private static Map<String, AttributeValue> key(String platform, String key) {
        return Map.of(TableKeys.PK, s(pk(platform, key)), TableKeys.SK, s(SORT_KEY));
    }

    static String pk(String platform, String key) {
        return TableKeys.delivery(platform, key.length() <= MAX_PLAIN_KEY ? key : "sha256:" + sha256(key));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
