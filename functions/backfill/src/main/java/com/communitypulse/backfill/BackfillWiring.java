package com.communitypulse.backfill;

import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.platform.GitHubToken;
import com.communitypulse.backfill.store.DynamoDbBackfillStore;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.EventBridgePublisher;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The backfill built from its environment ({@link BackfillConfig}, the token's settings in {@link GitHubToken}: a
 * plain token or a GitHub App's, {@code POWERTOOLS_METRICS_NAMESPACE}).
 */
final class BackfillWiring {
    private BackfillWiring() {
    }

    static BackfillService fromEnv(Env env, BackfillConfig config) {
        BackfillMetrics metrics = new PowertoolsBackfillMetrics(MetricsFactory.getMetricsInstance(),
                env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse"));
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        EventBridgeClient bus = AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build();
        Clock clock = Clock.systemUTC();
        GitHubRest github = new GitHubRest(config.apiUrl(), GitHubToken.fromEnv(env), config.httpTimeout(),
                config.maxWait(), clock, duration -> Thread.sleep(duration.toMillis()));
        return new BackfillService(new BackfillService.Settings(config.rateShare(), config.pageTime(),
                config.maxWait(), config.conditionalRequests()), github, new DynamoDbBackfillStore(dynamo, config.tableName()),
                new EventBridgePublisher(bus, config.busName()), metrics, clock);
    }
}
