package com.communitypulse.score;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.EventBridgePublisher;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.observability.Correlation;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * EventBridge target for {@code community.action}: the envelope's {@code detail} is the action.
 * A failure throws so EventBridge retries and finally dead-letters it; an invalid action throws
 * {@link ScoringService.InvalidActionException} (it lands in the DLQ, nothing is lost). The monthly
 * schedule ({@code detail-type: Scheduled Event}) runs the {@link TierReview} of the month before the
 * event's {@code time} instead (or of {@code detail.month}, {@code yyyy-MM}, to re-run one by hand).
 */
public final class ScoreHandler implements RequestHandler<Map<String, Object>, Void> {
    /** The template's POWERTOOLS_METRICS_NAMESPACE, also when a runner does not pass it. */
    private static final String NAMESPACE = "CommunityPulse";
    private final ScoringService service;
    /** Erased people's identities: their later actions are dropped (docs/scoring.md, Right to be forgotten). */
    private final ErasedIdentities erased;
    private TierReview review;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    public ScoreHandler() {
        this(Env.system());
    }

    public ScoreHandler(Env env) {
        this(env, AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build());
    }

    private ScoreHandler(Env env, DynamoDbClient dynamo) {
        this(fromEnv(env, dynamo), ErasedIdentities.fromEnv(env, dynamo), env.get("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE));
        this.review = TierReview.fromEnv(env, dynamo);
    }

    /** With a tier review for the monthly schedule (tests). */
    public ScoreHandler(ScoringService service, TierReview review) {
        this(service, null, NAMESPACE);
        this.review = review;
    }

    public ScoreHandler(ScoringService service) {
        this(service, null, NAMESPACE);
    }

    public ScoreHandler(ScoringService service, ErasedIdentities erased) {
        this(service, erased, NAMESPACE);
    }

    private ScoreHandler(ScoringService service, ErasedIdentities erased, String namespace) {
        this.service = service;
        this.erased = erased;
        metrics.setNamespace(namespace);
    }

    private static ScoringService fromEnv(Env env, DynamoDbClient dynamo) {
        ScoringConfig config = ScoringConfig.parse(env.get("SCORING_CONFIG", ""));
        int retentionDays;
        try {
            retentionDays = env.getInt("RETENTION_DAYS", 400);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RETENTION_DAYS must be a whole number of days, got "
                    + env.get("RETENTION_DAYS", ""));
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("RETENTION_DAYS must be at least 1, got " + retentionDays);
        }
        EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build();
        return new ScoringService(new DynamoContributorStore(dynamo, env.require("TABLE_NAME")),
                new EventBridgePublisher(events, env.require("EVENT_BUS_NAME")),
                new Scorer(config), Duration.ofDays(retentionDays));
    }

    @Override
    public Void handleRequest(Map<String, Object> envelope, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        // action_id and delivery_id on the scoring's log lines, as in normalise and welcome
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            return handle(envelope);
        }
    }

    private Void handle(Map<String, Object> envelope) {
        Object detail = envelope == null ? null : envelope.get("detail");
        if (envelope != null && "Scheduled Event".equals(envelope.get("detail-type"))) {
            TierReview.Result reviewed = TierReview.run(review, envelope, detail);
            metrics.addMetric("TierReviewDemotions", reviewed.demoted(), MetricUnit.COUNT);
            metrics.flush();
            return null;
        }
        if (!(detail instanceof Map<?, ?>)) {
            throw new ScoringService.InvalidActionException("the EventBridge envelope has no detail object");
        }
        CommunityAction action;
        try {
            action = Json.mapper().convertValue(detail, CommunityAction.class);
        } catch (IllegalArgumentException e) {
            throw new ScoringService.InvalidActionException("detail does not map to community.action: " + e.getMessage());
        }
        String threadAuthor = action.context() == null ? null : action.context().threadAuthor();
        java.util.Set<String> gone = erased == null || action.actor() == null ? java.util.Set.of()
                : erased.among(action.actor(), threadAuthor);
        if (gone.contains(action.actor())) {
            metrics.addMetric("ActionsDroppedErased", 1, MetricUnit.COUNT); // acknowledged; neither recorded nor published
            metrics.flush();
            return null;
        }
        if (threadAuthor != null && gone.contains(threadAuthor)) {
            // someone answers an erased person's thread: scored, but the author is not written back
            action = action.withContext(action.context().withThreadAuthor(null));
        }
        ScoringService.Result result = service.handle(action);
        metrics.addMetric(result.recorded() ? "ActionsRecorded" : "ActionsRedelivered", 1, MetricUnit.COUNT);
        metrics.addMetric("ScoringAttempts", result.attempts(), MetricUnit.COUNT);
        metrics.addMetric("EventsPublished", result.published().size(), MetricUnit.COUNT);
        metrics.flush();
        return null;
    }
}
