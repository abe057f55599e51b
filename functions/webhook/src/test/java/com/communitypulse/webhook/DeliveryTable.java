package com.communitypulse.webhook;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB Local with the template's ContributorTable under a test's own name. */
final class DeliveryTable implements AutoCloseable {
    final DynamoDbLocal local;
    final DynamoDbClient dynamo;
    final String name;

    DeliveryTable(String name) {
        this.local = DynamoDbLocal.startInMemory();
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.name = name;
        CfnTemplate template = CfnTemplate.load(CfnTemplate.locate(Path.of("")));
        TableCreator.create(dynamo, name, CfnTemplate.properties(template.resources().get("ContributorTable")));
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
