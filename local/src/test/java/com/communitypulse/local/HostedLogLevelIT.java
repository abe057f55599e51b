package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.CfnTemplate;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner hosts every function in its own process, where log4j2.xml's {@code ${env:POWERTOOLS_LOG_LEVEL}}
 * would read the runner's environment: the level of the function's own (the template's {@code LogLevel}, or the
 * runner's override) is what its logger must have, as on Lambda, so the bench measures the log volume deployed.
 */
class HostedLogLevelIT {
    private static final Path TEMPLATE = CfnTemplate.locate(Path.of(""));

    /** {@code isInfoEnabled} and {@code isWarnEnabled} of NormaliseHandler's own logger, hosted from its jar. */
    private static boolean[] normaliseLogs(Map<String, String> overrides) throws Exception {
        LocalTemplate.FunctionSpec spec = new LocalTemplate(CfnTemplate.load(TEMPLATE), Map.of()).functions().stream()
                .filter(f -> f.logicalId().equals("NormaliseFunction")).findFirst().orElseThrow();
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
        env.putAll(overrides);
        FunctionCode code = FunctionCode.jar(spec.logicalId(), TEMPLATE.getParent().resolve(spec.codeUri()).normalize());
        LocalFunction function = new LocalFunction(spec.logicalId(), spec.handler(), code, env, 20, 1024, 1);
        function.warm();
        Field field = Class.forName("com.communitypulse.normalise.NormaliseHandler", false, code.loader()).getDeclaredField("LOG");
        field.setAccessible(true);
        Object logger = field.get(null);
        Class<?> slf4j = Class.forName("org.slf4j.Logger", false, code.loader());
        return new boolean[] {(Boolean) slf4j.getMethod("isInfoEnabled").invoke(logger),
                (Boolean) slf4j.getMethod("isWarnEnabled").invoke(logger)};
    }

    @Test
    void theTemplatesLevelIsTheHostedFunctionsLevel() throws Exception {
        LocalTemplate template = new LocalTemplate(CfnTemplate.load(TEMPLATE), Map.of());
        assertEquals("WARN", template.functions().get(0).environment().get("POWERTOOLS_LOG_LEVEL"), "the template's default");
        boolean[] logs = normaliseLogs(Map.of());
        assertFalse(logs[0], "INFO lines are dropped at the template's WARN");
        assertTrue(logs[1], "warnings (and errors) are still logged");
    }

    @Test
    void anOverrideOfTheLevelIsApplied() throws Exception {
        boolean[] logs = normaliseLogs(Map.of("POWERTOOLS_LOG_LEVEL", "INFO"));
        assertTrue(logs[0] && logs[1], "POWERTOOLS_LOG_LEVEL=INFO (LogLevel=INFO) logs INFO lines again");
    }
}
