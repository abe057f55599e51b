package com.communitypulse.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The scheduled GitHub delivery reconciler (EventBridge schedule, any event): lists the configured hooks'
 * recent deliveries and asks GitHub to redeliver those that never reached us (see {@link ReconcileService}).
 * Thin: builds the service once, runs it, flushes metrics, answers the run's summary. Throwing (GitHub
 * could not be listed) makes Lambda retry the run and then dead-letter it.
 */
public class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReconcileService service;

    public ReconcileHandler() {
        this(Env.system());
    }

    public ReconcileHandler(Env env) {
        this(create(env, MetricsFactory.getMetricsInstance()));
    }

    public ReconcileHandler(ReconcileService service) {
        this.service = service;
    }

    private static ReconcileService create(Env env, Metrics metrics) {
        ReconcileConfig config = ReconcileConfig.from(env);
        metrics.setNamespace(env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse"));
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        GitHubToken token = GitHubToken.fromEnv(env);
        return new ReconcileService(config, new GitHubDeliveries(config.apiUrl(), token, config.httpTimeout()),
                new ReconcileStore(dynamo, config.tableName()),
                (name, value) -> metrics.addMetric(name, value, MetricUnit.COUNT), Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context != null) {
            PowertoolsLogging.initializeLogging(context);
        }
        try {
            ReconcileService.Summary s = service.run();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hooks", s.hooks());
            out.put("listed", s.listed());
            out.put("seen", s.seen());
            out.put("missing", s.missing());
            out.put("already_claimed", s.alreadyClaimed());
            out.put("redelivery_requested", s.redeliveryRequested());
            out.put("recovered", s.recovered());
            out.put("lost", s.lost());
            out.put("deferred", s.deferred());
            out.put("rate_limited", s.rateLimited());
            return out;
        } finally {
            MetricsFactory.getMetricsInstance().flush();
        }
    }
}
