package com.communitypulse.webhook;

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
 * Delivery claims as items {@code pk=DELIVERY#<platform>#<key>, sk=DELIVERY} with a 7-day TTL,
 * written with a conditional PutItem so that exactly one of two concurrent deliveries wins. An
 * item past its {@code expires_at} but not yet removed by TTL (which can lag by days) no longer
 * counts.
 */
public final class DynamoDbDeliveryClaims implements DeliveryClaims {
    public static final String SORT_KEY = "DELIVERY";
    public static final Duration KEEP_FOR = Duration.ofDays(7);
    /** Keys longer than this are stored as their SHA-256, keeping the partition key well under DynamoDB's 2048 bytes. */
    static final int MAX_PLAIN_KEY = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDeliveryClaims(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claim(String platform, String key, String deliveryId, Instant now) {
        try {
            dynamo.putItem(put -> put.tableName(table)
                    .item(Map.of(
                            TableKeys.PK, s(pk(platform, key)),
                            TableKeys.SK, s(SORT_KEY),
                            TableKeys.TTL, n(now.plus(KEEP_FOR).getEpochSecond()),
                            "platform", s(platform),
                            "delivery_id", s(deliveryId.length() > MAX_PLAIN_KEY ? deliveryId.substring(0, MAX_PLAIN_KEY) : deliveryId),
                            "received_at", s(now.toString())))
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#ttl", TableKeys.TTL))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException seenBefore) {
            return false;
        }
    }

    @Override
    public void release(String platform, String key) {
        dynamo.deleteItem(delete -> delete.tableName(table)
                .key(Map.of(TableKeys.PK, s(pk(platform, key)), TableKeys.SK, s(SORT_KEY))));
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
