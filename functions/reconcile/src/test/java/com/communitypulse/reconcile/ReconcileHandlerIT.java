package com.communitypulse.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.reconcile.platform.StandInGitHub;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler built from its environment only, as Lambda and the local runner build it (SECRETS_PROVIDER=env). */
class ReconcileHandlerIT {
    @Test
    void aScheduledEventRunsTheReconcilerFromItsEnvironmentAndAnswersTheSummary() throws Exception {
        try (DynamoDbLocal local = DynamoDbLocal.startInMemory(); StandInGitHub github = new StandInGitHub()) {
            github.failed("/repos/octo-org/hello/hooks/7", "guid-a", Instant.now().minus(Duration.ofHours(1)), 503);
            Map<String, String> env = new HashMap<>(Map.of(
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(), "TABLE_NAME", "pulse",
                    "GITHUB_API_URL", github.url(), "GITHUB_TOKEN", StandInGitHub.TOKEN, "SECRETS_PROVIDER", "env",
                    "GITHUB_RECONCILE_HOOKS", "repo:octo-org/hello:7", "POWERTOOLS_METRICS_NAMESPACE", "CommunityPulseTest"));
            // DynamoDB Local keeps a database per access key and region: the table is made with the function's own
            TableCreator.createContributorTable(AwsClients.configure(DynamoDbClient.builder(), new Env(env), "DYNAMODB").build(),
                    "pulse");

            Map<String, Object> out = new ReconcileHandler(new Env(env)).handleRequest(
                    Map.of("detail-type", "Scheduled Event", "source", "aws.events"), null);

            assertEquals(1, out.get("redelivery_requested"), out.toString());
            assertEquals(1, out.get("seen"), out.toString());
            assertEquals(1, github.redeliveries().size());

            // the deployed way: no token in the environment and no secret named is a clear error, not a silent skip
            env.remove("GITHUB_TOKEN");
            var noToken = assertThrows(IllegalStateException.class,
                    () -> new ReconcileHandler(new Env(env)).handleRequest(Map.of(), null));
            assertTrue(noToken.getMessage().contains("No GitHub token"), noToken.getMessage());
        }
    }
}
