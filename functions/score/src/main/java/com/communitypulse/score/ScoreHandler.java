package com.communitypulse.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.observability.Correlation;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * EventBridge target of the score function, routing each envelope by its {@code detail-type} to one of two
 * jobs: {@code community.action} to {@link ScoreAction} (the {@code detail} is the action), the monthly
 * schedule ({@code Scheduled Event}) to {@link MonthlyReview}. A failure throws so EventBridge retries and
 * finally dead-letters the event. The jobs are built by {@link ScoreWiring} from the environment.
 */
public final class ScoreHandler implements RequestHandler<Map<String, Object>, Void> {
    static final String SCHEDULED_EVENT = "Scheduled Event";
    private final ScoreAction scoring;
    private final MonthlyReview review;

    /** Lambda's: the function's own environment. */
    public ScoreHandler() {
        this(Env.system());
    }

    /** The local runner's: it builds every handler with the environment the template gives its function. */
    public ScoreHandler(Env env) {
        this(ScoreWiring.fromEnv(env));
    }

    private ScoreHandler(ScoreWiring wiring) {
        this(wiring.scoring(), wiring.review());
    }

    /** Tests': the two jobs; {@code review} may be null when a test sends no scheduled event. */
    public ScoreHandler(ScoreAction scoring, MonthlyReview review) {
        this.scoring = scoring;
        this.review = review;
    }

    @Override
    public Void handleRequest(Map<String, Object> envelope, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        // action_id and delivery_id on the scoring's log lines, as in normalise and welcome
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            if (envelope != null && SCHEDULED_EVENT.equals(envelope.get("detail-type"))) {
                if (review == null) {
                    throw new IllegalStateException("this handler was built without a tier review");
                }
                review.run(envelope);
            } else {
                scoring.run(envelope);
            }
            return null;
        }
    }
}
