package com.communitypulse.webhook;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB Local with the template's ContributorTable under a test's own name. */
final class DeliveryTable implements AutoCloseable {
    final DynamoDbLocal local;
    final DynamoDbClient dynamo;
    final String name;

    DeliveryTable(String name) {
        this.local = DynamoDbLocal.startInMemory();
        this.dynamo = local.client();
        this.name = name;
        TableCreator.createContributorTable(dynamo, name);
    }

    /** Every item in the table (tests only: a scan is fine on a few items). */
    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(scan -> scan.tableName(name).consistentRead(true)).items();
    }

    @Override
    public void close() {
        dynamo.close();
        local.close();
    }
}
