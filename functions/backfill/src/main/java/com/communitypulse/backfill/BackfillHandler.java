package com.communitypulse.backfill;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.backfill.domain.BackfillRequest;
import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.Sources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The backfill function (docs/backfill.md), started by EventBridge:
 * <ul>
 * <li>{@code backfill.requested} (or {@code POST /_local/run/BackfillFunction} locally, or any event whose detail
 *     names a {@code repository}): starts a backfill and does its first step;</li>
 * <li>{@code backfill.continue} (its own): the next step;</li>
 * <li>the resume schedule (a detail without {@code repository}): the next step of each backfill whose rate-limit
 *     wait is over, or whose chain of steps broke.</li>
 * </ul>
 * A step works until {@code BACKFILL_STEP_SECONDS} or the function's timeout less {@link BackfillConfig#SAFETY},
 * whichever is first. Bad input (an unknown platform, a repository that is not {@code owner/name}) is refused with
 * an {@link IllegalArgumentException}, which the local runner answers 400.
 */
public class BackfillHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final BackfillService service;
    private final Duration stepTime;
    private final Clock clock;

    /** Lambda's: the function's own environment. */
    public BackfillHandler() {
        this(Env.system());
    }

    /** The local runner's: it builds every handler with the environment the template gives its function. */
    public BackfillHandler(Env env) {
        this(env, BackfillConfig.from(env));
    }

    private BackfillHandler(Env env, BackfillConfig config) {
        this(BackfillWiring.fromEnv(env, config), config.stepTime(), Clock.systemUTC());
    }

    /** Tests': a service of their own and the longest step. */
    public BackfillHandler(BackfillService service, Duration stepTime, Clock clock) {
        this.service = service;
        this.stepTime = stepTime;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context != null) {
            PowertoolsLogging.initializeLogging(context);
        }
        Instant now = clock.instant();
        Duration left = context == null ? stepTime.plus(BackfillConfig.SAFETY)
                : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration work = left.minus(BackfillConfig.SAFETY);
        Instant deadline = now.plus(work.compareTo(stepTime) < 0 ? work : stepTime);
        Instant leaseUntil = now.plus(left).plusSeconds(30);
        Object detailType = event == null ? null : event.get("detail-type");
        Map<?, ?> detail = event != null && event.get("detail") instanceof Map<?, ?> map ? map : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        if (Sources.BACKFILL_CONTINUE.equals(detailType)) {
            Object step = detail.get("step");
            if (!(step instanceof Number number) || !(detail.get("repository") instanceof String repository)) {
                throw new IllegalArgumentException("backfill.continue needs repository and step, got " + detail);
            }
            Object platform = detail.get("platform");
            BackfillRequest request = BackfillRequest.from(Map.of("platform", platform == null ? "github" : platform,
                    "repository", repository));
            return view(service.proceed(request.platform(), request.repository(), number.longValue(), deadline, leaseUntil));
        }
        if (Sources.BACKFILL_REQUESTED.equals(detailType) || detail.containsKey("repository")) {
            return view(service.request(BackfillRequest.from(detail), deadline, leaseUntil));
        }
        List<BackfillService.Step> resumed = service.resumeDue();
        out.put("resumed", resumed.stream().map(BackfillHandler::view).toList());
        return out;
    }

    static Map<String, Object> view(BackfillService.Step step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("repository", step.repository());
        out.put("outcome", step.outcome());
        out.put("status", step.status() == null ? null : step.status().name().toLowerCase());
        out.put("phase", step.phase());
        out.put("step", step.step());
        out.put("pages", step.pages());
        out.put("items", step.items());
        out.put("events", step.events());
        out.put("requests", step.requests());
        out.put("rate_remaining", step.rateRemaining());
        out.put("resume_after", step.resumeAfter() == null ? null : step.resumeAfter().toString());
        out.put("last_error", step.lastError());
        return out;
    }
}
