package com.communitypulse.score;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The template's ContributorTable in DynamoDB Local, for engine-backed tests. */
final class LocalTable {
    private LocalTable() {
    }

    static DynamoDbClient client(DynamoDbLocal db, ExecutionInterceptor... interceptors) {
        Env env = new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString()));
        return AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB")
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    static void create(DynamoDbClient client, String name) {
        CfnTemplate template = CfnTemplate.load(CfnTemplate.locate(Path.of("")));
        TableCreator.create(client, name, CfnTemplate.properties(template.resources().get("ContributorTable")));
    }
}
