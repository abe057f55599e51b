package com.communitypulse.local.template;

import com.communitypulse.shared.observability.Correlation;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link FunctionArtifactsIT} in a fresh JVM whose class path starts with one function's
 * deployable jar: logs the way a handler does, so the test can read what that jar really prints.
 */
public final class LogProbe {
    private LogProbe() {
    }

    public static void main(String[] args) {
        var log = LoggerFactory.getLogger("com.communitypulse.probe");
        Map<String, Object> envelope = Map.of("id", "evt-probe", "detail-type", "community.action",
                "detail", Map.of("id", "a-probe", "context", Map.of("delivery_id", "d-probe")));
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            log.info("probe");
        }
        // the SDK logs request and response details below WARN: they must never be printed
        LoggerFactory.getLogger("software.amazon.awssdk.request").info("sdk-detail");
    }
}
