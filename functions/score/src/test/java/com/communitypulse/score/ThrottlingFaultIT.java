package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Actions;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * DynamoDB throttling injected into the real SDK client in front of DynamoDB Local: short bursts
 * are absorbed by the SDK's retries and the action counts once; a throttle that outlasts them
 * fails the invocation loudly (so EventBridge retries it), and the retry, once DynamoDB recovers,
 * records the action exactly once.
 */
class ThrottlingFaultIT {
    private static final Throttle THROTTLE = new Throttle();
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(THROTTLE);

    /** Refuses the next N TransactWriteItems attempts the way DynamoDB does when throttling. */
    static final class Throttle implements ExecutionInterceptor {
        final AtomicInteger remaining = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .serviceName("DynamoDb").errorMessage("injected throttle").build())
                        .message("injected throttle").build();
            }
        }
    }

    private static ScoringService service() {
        return service(TABLE.client());
    }

    private static ScoringService service(DynamoDbClient client) {
        return new ScoringService(new DynamoDbContributorStore(client, TABLE.name()), new RecordingPublisher(),
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
    }

    private static String score(String actor) {
        var item = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person(actor)), "sk", AttributeValue.fromS(TableKeys.PROFILE)))).item();
        return item == null || item.isEmpty() ? null : item.get("score").n();
    }

    @Test
    void aShortThrottleIsRetriedByTheSdkAndCountsOnce() {
        THROTTLE.remaining.set(2);
        THROTTLE.refused.set(0);
        CommunityAction merged = Actions.action("throttle-1", "github:4242", "tilly", "pr_merged", "2026-11-17T10:00:00Z");
        assertTrue(service().handle(merged).recorded());
        assertEquals(2, THROTTLE.refused.get(), "the injected throttles were hit");
        assertEquals(0, new java.math.BigDecimal("0.6").compareTo(new java.math.BigDecimal(score("github:4242"))));
    }

    @Test
    void aThrottleThatOutlastsTheRetriesFailsLoudlyAndTheRedeliveryCountsOnce() {
        THROTTLE.remaining.set(1_000);
        CommunityAction comment = Actions.action("throttle-2", "github:4343", "theo", "comment", "2026-11-17T11:00:00Z");
        // the SDK's production back-off would take a minute to give up; the outcome is the same without the waits
        Env env = new Env(TABLE.env());
        try (DynamoDbClient impatient = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB")
                .overrideConfiguration(c -> c.addExecutionInterceptor(THROTTLE).retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build())).build()) {
            assertThrows(RuntimeException.class, () -> service(impatient).handle(comment), "never a silent loss");
        }
        assertEquals(null, score("github:4343"), "nothing half-recorded");

        THROTTLE.remaining.set(0); // DynamoDB recovers; EventBridge delivers the event again
        assertTrue(service().handle(comment).recorded());
        assertTrue(!service().handle(comment).recorded(), "a further redelivery is a duplicate");
        assertEquals(0, new java.math.BigDecimal("0.1").compareTo(new java.math.BigDecimal(score("github:4343"))));
    }
}
