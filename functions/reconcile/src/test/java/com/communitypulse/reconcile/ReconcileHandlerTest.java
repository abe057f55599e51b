package com.communitypulse.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.shared.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler built from its environment only, with nothing to reconcile: no DynamoDB or GitHub call is made. */
class ReconcileHandlerTest {
    @Test
    void withNoHooksItIsOffAndNeedsNoToken() throws Exception {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "TABLE_NAME", "pulse", "GITHUB_RECONCILE_HOOKS", "");
        Map<String, Object> out = new ReconcileHandler(new Env(env)).handleRequest(Map.of(), null);
        assertEquals(0, out.get("hooks"));
    }
}
