package com.communitypulse.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The baseline: a handler that does nothing, jarred alone, to time the runtime client itself. */
public final class TrivialHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok " + context.getAwsRequestId();
    }
}
