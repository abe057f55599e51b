package com.communitypulse.score;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.DynamoDbTierReviewStore;
import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.score.store.TableSuggestions;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.EventBridgePublisher;
import com.communitypulse.shared.scoring.ScoringConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The score function's two jobs built from its environment: {@code TABLE_NAME}, {@code EVENT_BUS_NAME},
 * {@code SCORING_CONFIG}, {@code RETENTION_DAYS} (default 400), {@code ERASURE_SALT} and
 * {@code POWERTOOLS_METRICS_NAMESPACE}. A bad setting fails here, at cold start, with a message naming it.
 */
record ScoreWiring(ScoreAction scoring, MonthlyReview review) {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreWiring.class);
    /** The template's POWERTOOLS_METRICS_NAMESPACE, also when a runner does not pass it. */
    static final String NAMESPACE = "CommunityPulse";

    static ScoreWiring fromEnv(Env env) {
        ScoringConfig config = ScoringConfig.parse(env.get("SCORING_CONFIG", ""));
        Duration retention = retention(env);
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build();
        String table = env.require("TABLE_NAME");
        EventBridgePublisher publisher = new EventBridgePublisher(events, env.require("EVENT_BUS_NAME"));
        DynamoDbContributorStore store = new DynamoDbContributorStore(dynamo, table);
        ScoreMetrics metrics = new PowertoolsScoreMetrics(MetricsFactory.getMetricsInstance(),
                env.get("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE));
        String salt = erasureSalt(env);
        ScoringService service = new ScoringService(store, publisher, new Scorer(config), retention,
                new TableSuggestions(dynamo, table, retention, java.time.Clock.systemUTC(), salt), metrics);
        TierReview review = new TierReview(store, new DynamoDbTierReviewStore(dynamo, table), publisher, config, retention);
        return new ScoreWiring(new ScoreAction(service, new ErasedIdentities(dynamo, table, salt), metrics),
                new MonthlyReview(review, metrics));
    }

    /** {@code RETENTION_DAYS}: how long activity is kept (its TTL), whole days, at least 1. */
    static Duration retention(Env env) {
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
        return Duration.ofDays(retentionDays);
    }

    /** {@code ERASURE_SALT}: must be the one the erasure CLI used; unset falls back to the template default, loudly. */
    static String erasureSalt(Env env) {
        String salt = env.get("ERASURE_SALT", "");
        if (salt.isBlank() || ErasedIdentities.DEFAULT_SALT.equals(salt)) {
            LOG.warn("ERASURE_SALT is not set or is the template default: set the ErasureSalt parameter (docs/scoring.md, Right to be forgotten)");
            return ErasedIdentities.DEFAULT_SALT;
        }
        return salt;
    }
}
