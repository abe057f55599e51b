package com.communitypulse.digest.store;

import com.communitypulse.shared.store.TableKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link DigestLedgerStore} as the item {@code DIGEST#{week}/DIGEST} of the contributor table. A send first
 * claims the week with a conditional PutItem (status {@code sending}, a claim id and a lease), then marks it
 * {@code sent} with SES's message id (an UpdateItem conditional on the claim id), or releases the claim if
 * sending failed. The lease ({@code lease_until}, epoch milliseconds) ends just after the claiming invocation's
 * own deadline, so a sender that died mid-send (timeout, crash) has left the week free by the time Lambda
 * retries it (about 1, then 3 minutes later).
 */
public final class DynamoDbDigestLedgerStore implements DigestLedgerStore {
    private static final String SK = "DIGEST";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDigestLedgerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One conditional PutItem: no record, an expired claim, or (forced) any record but a live claim. */
    @Override
    public Outcome claim(String week, Instant now, Instant leaseUntil, boolean force) {
        String claimId = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(week));
        item.put("week", s(week));
        item.put("status", s(SENDING));
        item.put("claim_id", s(claimId));
        item.put("claimed_at", s(now.toString()));
        item.put("lease_until", AttributeValue.fromN(Long.toString(leaseUntil.toEpochMilli())));
        item.put("forced", AttributeValue.fromBool(force));
        String condition = "attribute_not_exists(pk) OR (#status = :sending AND lease_until < :now)"
                + (force ? " OR #status <> :sending" : "");
        try {
            var response = dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s(SENDING),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            var old = response.hasAttributes() && !response.attributes().isEmpty()
                    ? Optional.of(response.attributes()) : Optional.<Map<String, AttributeValue>>empty();
            return new Claimed(new Claim(week, claimId, old));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : Map.of();
            AttributeValue status = existing.get("status");
            boolean sending = status != null && SENDING.equals(status.s());
            return new Refused(sending ? Refusal.IN_PROGRESS : Refusal.ALREADY_SENT, existing);
        }
    }

    @Override
    public void markSent(Claim claim, String messageId, Instant at, int recipients) {
        dynamo.updateItem(r -> r.tableName(table).key(key(claim.week()))
                .updateExpression("SET #status = :sent, message_id = :mid, sent_at = :at, recipients = :n REMOVE lease_until")
                .conditionExpression("claim_id = :claim")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":mid", s(messageId), ":at", s(at.toString()),
                        ":n", AttributeValue.fromN(Integer.toString(recipients)), ":claim", s(claim.claimId()))));
    }

    @Override
    public void release(Claim claim) {
        try {
            if (claim.previous().isPresent()) {
                dynamo.putItem(r -> r.tableName(table).item(claim.previous().get())
                        .conditionExpression("claim_id = :claim")
                        .expressionAttributeValues(Map.of(":claim", s(claim.claimId()))));
            } else {
                dynamo.deleteItem(r -> r.tableName(table).key(key(claim.week()))
                        .conditionExpression("claim_id = :claim")
                        .expressionAttributeValues(Map.of(":claim", s(claim.claimId()))));
            }
        } catch (ConditionalCheckFailedException e) {
            // Someone else holds the week now; their claim is theirs to finish.
        }
    }

    @Override
    public Optional<Map<String, AttributeValue>> record(String week) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(week)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> key(String week) {
        return Map.of(TableKeys.PK, s(TableKeys.digest(week)), TableKeys.SK, s(SK));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
