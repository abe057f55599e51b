package com.communitypulse.devkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the template's {@code AWS::DynamoDB::Table} resources in DynamoDB Local, with the
 * same keys, indexes and TTL as in AWS, so tests and the local runner use the deployed design.
 */
public final class TableCreator {
    private TableCreator() {
    }

    /** The logical id of Community Pulse's one table in template.yaml. */
    public static final String CONTRIBUTOR_TABLE = "ContributorTable";

    /** Creates template.yaml's ContributorTable (found from the working directory up) under {@code name}. */
    public static void createContributorTable(DynamoDbClient dynamo, String name) {
        CfnTemplate template = CfnTemplate.load(CfnTemplate.locate(java.nio.file.Path.of("")));
        create(dynamo, name, CfnTemplate.properties(template.resources().get(CONTRIBUTOR_TABLE)));
    }

    /** Creates every table of the template; returns logical id -> table name. */
    public static Map<String, String> createAll(CfnTemplate template, DynamoDbClient dynamo,
                                                java.util.function.Function<String, String> nameOf) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) -> {
            String name = nameOf.apply(id);
            create(dynamo, name, CfnTemplate.properties(resource));
            names.put(id, name);
        });
        return names;
    }

    @SuppressWarnings("unchecked")
    public static void create(DynamoDbClient dynamo, String tableName, Map<String, Object> properties) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) properties.get("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName((String) a.get("AttributeName"))
                    .attributeType((String) a.get("AttributeType")).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> gsi : (List<Map<String, Object>>) properties.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            Map<String, Object> projection = (Map<String, Object>) gsi.get("Projection");
            Projection.Builder p = Projection.builder().projectionType((String) projection.get("ProjectionType"));
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes((List<String>) projection.get("NonKeyAttributes"));
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName((String) gsi.get("IndexName"))
                    .keySchema(keys((List<Map<String, Object>>) gsi.get("KeySchema")))
                    .projection(p.build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keys((List<Map<String, Object>>) properties.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return; // kept from an earlier run with --data
        }
        Map<String, Object> ttl = (Map<String, Object>) properties.get("TimeToLiveSpecification");
        if (ttl != null && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(r -> r.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName((String) ttl.get("AttributeName")).enabled(true).build()));
        }
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Map<String, Object> k : schema) {
            keys.add(KeySchemaElement.builder()
                    .attributeName((String) k.get("AttributeName"))
                    .keyType((String) k.get("KeyType")).build());
        }
        return keys;
    }
}
