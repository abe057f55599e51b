package com.communitypulse.score.store;

import com.communitypulse.score.domain.DemotionPlanner.Point;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link TierReviewStore} on the single table: the board is a Query on the {@code leaderboard} index
 * ({@code LB#ALL}), the points one Query per {@code DAY#} partition, the score an UpdateItem guarded by the version.
 */
public final class DynamoDbTierReviewStore implements TierReviewStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTierReviewStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, Tier> boardPeople() {
        Map<String, Tier> people = new LinkedHashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableKeys.LEADERBOARD_INDEX)
                    .keyConditionExpression("#b = :b")
                    .expressionAttributeNames(Map.of("#b", TableKeys.LB_PK))
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(TableKeys.LB_ALL)))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.containsKey(ProfileItem.ID) && item.containsKey(ProfileItem.TIER)) {
                    people.put(item.get(ProfileItem.ID).s(), Tier.fromLabel(item.get(ProfileItem.TIER).s()));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return people;
    }

    @Override
    public Map<String, List<Point>> points(Instant from, Instant end) {
        Map<String, List<Point>> byPerson = new HashMap<>();
        LocalDate last = end.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#p", ActivityItem.PERSON,
                                "#i", ActivityItem.IMPACT, "#t", ActivityItem.TS))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.day(day))))
                        .projectionExpression("#p, #i, #t")
                        .exclusiveStartKey(startKey).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    if (!item.containsKey(ActivityItem.PERSON) || !item.containsKey(ActivityItem.IMPACT)
                            || !item.containsKey(ActivityItem.TS)) {
                        continue;
                    }
                    BigDecimal impact = new BigDecimal(item.get(ActivityItem.IMPACT).n());
                    if (impact.signum() > 0) {
                        byPerson.computeIfAbsent(item.get(ActivityItem.PERSON).s(), k -> new ArrayList<>())
                                .add(new Point(Instant.parse(item.get(ActivityItem.TS).s()), impact));
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return byPerson;
    }

    @Override
    public boolean setAllTimeScore(String person, BigDecimal score, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.person(person)),
                            TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))
                    .updateExpression("SET #s = :s")
                    .conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#s", ProfileItem.LB_SCORE, "#v", ProfileItem.VERSION))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromN(score.toPlainString()),
                            ":v", AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
