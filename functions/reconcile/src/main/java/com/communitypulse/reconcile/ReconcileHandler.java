package com.communitypulse.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.reconcile.domain.ReconcileService;
import com.communitypulse.shared.config.Env;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The scheduled GitHub delivery reconciler (EventBridge schedule, any event): lists the configured hooks'
 * recent deliveries and asks GitHub to redeliver those that never reached us (see {@link ReconcileService}).
 * Thin: the service is built once ({@link ReconcileWiring}); each run answers its summary (the service counts
 * the run's metrics). Throwing (GitHub could not be listed) makes Lambda retry the run and then dead-letter it.
 */
public class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReconcileService service;

    /** Lambda's: the function's own environment. */
    public ReconcileHandler() {
        this(Env.system());
    }

    /** The local runner's: it builds every handler with the environment the template gives its function. */
    public ReconcileHandler(Env env) {
        this(ReconcileWiring.fromEnv(env));
    }

    /** Tests': a service of their own. */
    public ReconcileHandler(ReconcileService service) {
        this.service = service;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context != null) {
            PowertoolsLogging.initializeLogging(context);
        }
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
    }
}
