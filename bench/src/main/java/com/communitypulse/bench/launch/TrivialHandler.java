package com.communitypulse.bench.launch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The cold-start floor: a Lambda handler that returns its input, from a jar with nothing else in it. */
public final class TrivialHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return input;
    }
}
