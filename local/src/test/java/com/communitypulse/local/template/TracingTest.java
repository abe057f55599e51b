package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * X-Ray in the template: the API and the functions trace, and the API has its own sampling rule. X-Ray's default
 * rule traces the first request each second and 5% of the rest, which at a webhook's pace (well under one a second)
 * is nearly every delivery; X-Ray rules are account-wide, so the stack's rule must match its own stage only.
 */
class TracingTest {
    private final Template template = Template.get();

    @SuppressWarnings("unchecked")
    private Map<String, Object> rule() {
        Map<String, Object> resource = template.resources().get("ApiTraceSampling");
        assertEquals("AWS::XRay::SamplingRule", resource.get("Type"));
        return (Map<String, Object>) Template.props(resource).get("SamplingRule");
    }

    @Test
    void theApiAndEveryFunctionTrace() {
        assertEquals(Boolean.TRUE, Template.props(template.resources().get("PulseApi")).get("TracingEnabled"));
        template.functions().keySet().forEach(f -> assertEquals("Active", template.functionProperty(f, "Tracing"), f));
    }

    @Test
    void theSamplingRuleMatchesThisStacksApiStageOnly() {
        Map<String, Object> rule = rule();
        // API Gateway names its X-Ray service "{api name}/{stage}"
        Object apiName = Template.props(template.resources().get("PulseApi")).get("Name");
        assertEquals("{\"Fn::Sub\":\"${AWS::StackName}-api\"}", Template.json(apiName));
        assertEquals("{\"Fn::Sub\":\"${AWS::StackName}-api/${Stage}\"}", Template.json(rule.get("ServiceName")));
        assertEquals("AWS::ApiGateway::Stage", rule.get("ServiceType"));
        for (String wildcard : List.of("Host", "HTTPMethod", "URLPath", "ResourceARN")) {
            assertEquals("*", rule.get(wildcard), wildcard);
        }
        assertTrue(((Number) rule.get("Priority")).intValue() < 10000, "ahead of the default rule");
    }

    @Test
    void itTracesAFixedShareWithNoReservoirSoCostFollowsTheParameter() {
        Map<String, Object> rule = rule();
        assertEquals(0, ((Number) rule.get("ReservoirSize")).intValue(), "no 1-a-second reservoir");
        assertTrue(Template.isRef(rule.get("FixedRate"), "TraceSampleRate"));
        Map<String, Object> parameter = template.cfn.parameters().get("TraceSampleRate");
        assertEquals(0.05, ((Number) parameter.get("Default")).doubleValue());
        assertEquals(1, ((Number) parameter.get("MaxValue")).intValue());
    }

    @Test
    void theRuleNameFitsXRaysThirtyTwoCharactersForAnyStackName() {
        String stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/"
                + "community-pulse-production-with-a-very-long-stack-name/8f3e2c10-9d4b-11ef-8a1b-0a1b2c3d4e5f";
        String name = evaluate(rule().get("RuleName"), stackId);
        assertEquals("community-pulse-8f3e2c10", name);
        assertTrue(name.length() <= 32);
    }

    /** Enough of CloudFormation's Fn::Join, Fn::Select, Fn::Split and Ref AWS::StackId to evaluate the name. */
    @SuppressWarnings("unchecked")
    static String evaluate(Object value, String stackId) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> fn = (Map<String, Object>) value;
        if (Template.isRef(fn, "AWS::StackId")) {
            return stackId;
        }
        if (fn.get("Fn::Join") instanceof List<?> join) {
            StringBuilder out = new StringBuilder();
            for (Object part : (List<Object>) join.get(1)) {
                out.append(out.isEmpty() ? "" : join.get(0)).append(evaluate(part, stackId));
            }
            return out.toString();
        }
        if (fn.get("Fn::Select") instanceof List<?> select) {
            int index = ((Number) select.get(0)).intValue();
            Map<String, Object> split = (Map<String, Object>) select.get(1);
            List<Object> args = (List<Object>) split.get("Fn::Split");
            String[] parts = evaluate(args.get(1), stackId).split(java.util.regex.Pattern.quote((String) args.get(0)), -1);
            return parts[index];
        }
        throw new IllegalArgumentException("not evaluated here: " + value);
    }
}
