package com.communitypulse.webhook.store;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB Local with the template's ContributorTable under a test's own name (public: the service and handler tests use it). */
public final class DeliveryTable implements AutoCloseable {
    public final DynamoDbLocal local;
    public final DynamoDbClient dynamo;
    public final String name;

    public DeliveryTable(String name) {
        this.local = DynamoDbLocal.startInMemory();
        this.dynamo = local.client();
        this.name = name;
        TableCreator.createContributorTable(dynamo, name);
    }

    /** Every item in the table (tests only: a scan is fine on a few items). */
    public List<Map<String, AttributeValue>> items() {
        return dynamo.scan(scan -> scan.tableName(name).consistentRead(true)).items();
    }

    @Override
    public void close() {
        dynamo.close();
        local.close();
    }
}
