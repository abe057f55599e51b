package com.communitypulse.reconcile;

import com.communitypulse.reconcile.domain.ReconcileService;
import com.communitypulse.reconcile.platform.GitHubDeliveries;
import com.communitypulse.reconcile.platform.GitHubToken;
import com.communitypulse.reconcile.store.DynamoDbReconcileStore;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The reconciler built from its environment ({@link ReconcileConfig}, the GitHub token's settings in
 * {@link GitHubToken}, {@code POWERTOOLS_METRICS_NAMESPACE}).
 */
final class ReconcileWiring {
    private ReconcileWiring() {
    }

    static ReconcileService fromEnv(Env env) {
        ReconcileConfig config = ReconcileConfig.from(env);
        ReconcileMetrics metrics = new PowertoolsReconcileMetrics(MetricsFactory.getMetricsInstance(),
                env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse"));
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        GitHubToken token = GitHubToken.fromEnv(env);
        return new ReconcileService(config, new GitHubDeliveries(config.apiUrl(), token, config.httpTimeout()),
                new DynamoDbReconcileStore(dynamo, config.tableName()), metrics, Clock.systemUTC());
    }
}
