package com.communitypulse.local;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.Intrinsics;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local runner takes from {@code template.yaml}: each function's handler and
 * environment (Globals merged, intrinsics evaluated), its API routes, its bus rules and its
 * schedules. Resources are named by their logical ids locally.
 */
public final class LocalTemplate {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK = "community-pulse";
    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** {@code functionName} is the deployed name (its {@code FunctionName}, resolved), {@code codeUri} as written. */
    public record FunctionSpec(String logicalId, String handler, Map<String, String> environment, int timeoutSeconds,
                               int memoryMb, String functionName, String codeUri) {
    }

    record Route(String method, String path, String functionId) {
    }

    record Rule(String name, String functionId, String busName, String pattern, int maxRetries) {
    }

    record Schedule(String name, String functionId, String expression) {
    }

    final CfnTemplate template;
    final Intrinsics intrinsics;
    final List<FunctionSpec> functions = new ArrayList<>();
    final List<Route> routes = new ArrayList<>();
    final List<Rule> rules = new ArrayList<>();
    final List<Schedule> schedules = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public LocalTemplate(CfnTemplate template, Map<String, String> parameterOverrides) {
        this.template = template;
        Map<String, Object> refs = new LinkedHashMap<>();
        template.parameters().forEach((name, definition) -> {
            Object value = parameterOverrides.getOrDefault(name, stringOf(definition.get("Default")));
            if ("CommaDelimitedList".equals(definition.get("Type")) && value instanceof String s) {
                value = List.of(s.split(",", -1));
            }
            refs.put(name, value);
        });
        refs.put("AWS::Region", REGION);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::StackName", STACK);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        template.resources().keySet().forEach(id -> refs.put(id, id));
        Map<String, Object> conditions = (Map<String, Object>) template.root().getOrDefault("Conditions", Map.of());
        this.intrinsics = new Intrinsics(refs, conditions, REGION, ACCOUNT);

        Map<String, Object> globals = template.globalsFunction();
        template.resourcesOfType(FUNCTION_TYPE).forEach((id, resource) -> readFunction(id, CfnTemplate.properties(resource), globals));
    }

    @SuppressWarnings("unchecked")
    private void readFunction(String id, Map<String, Object> props, Map<String, Object> globals) {
        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(variables(globals));
        env.putAll(variables(props));
        int timeout = Integer.parseInt(String.valueOf(props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3))));
        int memory = Integer.parseInt(String.valueOf(props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))));
        functions.add(new FunctionSpec(id, (String) props.get("Handler"), env, timeout, memory,
                stringOf(intrinsics.resolve(props.getOrDefault("FunctionName", id))),
                String.valueOf(props.getOrDefault("CodeUri", globals.get("CodeUri")))));

        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) props.getOrDefault("Events", Map.of());
        events.forEach((eventName, event) -> {
            Map<String, Object> ep = (Map<String, Object>) intrinsics.resolve(event.getOrDefault("Properties", Map.of()));
            switch (String.valueOf(event.get("Type"))) {
                case "Api", "HttpApi" -> routes.add(new Route(String.valueOf(ep.get("Method")).toUpperCase(),
                        (String) ep.get("Path"), id));
                case "EventBridgeRule", "CloudWatchEvent" -> {
                    Map<String, Object> retry = (Map<String, Object>) ep.getOrDefault("RetryPolicy", Map.of());
                    rules.add(new Rule(id + "." + eventName, id, String.valueOf(ep.getOrDefault("EventBusName", "default")),
                            toJson(ep.get("Pattern")),
                            Integer.parseInt(String.valueOf(retry.getOrDefault("MaximumRetryAttempts", 185)))));
                }
                case "Schedule", "ScheduleV2" -> schedules.add(new Schedule(id + "." + eventName, id,
                        String.valueOf(ep.getOrDefault("Schedule", ep.get("ScheduleExpression")))));
                default -> System.out.println("local runner: ignoring event " + id + "." + eventName
                        + " of type " + event.get("Type"));
            }
        });
    }

    /** Every {@code AWS::Serverless::Function}, in template order. */
    public List<FunctionSpec> functions() {
        return List.copyOf(functions);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> variables(Map<String, Object> props) {
        Map<String, Object> environment = (Map<String, Object>) props.getOrDefault("Environment", Map.of());
        Map<String, Object> vars = (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        vars.forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (resolved != null) {
                out.put(name, stringOf(resolved));
            }
        });
        return out;
    }

    private static String stringOf(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(String.valueOf(v)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
