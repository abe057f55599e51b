package com.communitypulse.score;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The template's ContributorTable in DynamoDB Local, for engine-backed tests. */
final class LocalTable {
    private LocalTable() {
    }

    static DynamoDbClient client(DynamoDbLocal db, ExecutionInterceptor... interceptors) {
        return db.client(interceptors);
    }

    static void create(DynamoDbClient client, String name) {
        TableCreator.createContributorTable(client, name);
    }
}
