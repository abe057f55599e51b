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
 * schedules, and the rule resources whose target is a delivery stream (those whose
 * {@code Condition} holds). Resources are named by their logical ids locally.
 */
public final class LocalTemplate {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK = "community-pulse";
    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    static final String RULE_TYPE = "AWS::Events::Rule";
    static final String DELIVERY_STREAM_TYPE = "AWS::KinesisFirehose::DeliveryStream";

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

    /**
     * A bus rule ({@code AWS::Events::Rule}) whose target is a Firehose delivery stream to S3: what the
     * target receives ({@code inputPath} of the event, null for all of it), where Firehose writes it
     * ({@code prefix}, its {@code !{timestamp:...}} expressions unexpanded) and whether each record gets a
     * newline ({@code AppendDelimiterToRecord}). The runner's {@link LocalFirehose} writes what S3 would hold.
     */
    record StreamRule(String name, String streamId, String streamName, String busName, String pattern,
                      String inputPath, String prefix, boolean newlinePerRecord) {
    }

    final CfnTemplate template;
    final Intrinsics intrinsics;
    final List<FunctionSpec> functions = new ArrayList<>();
    final List<Route> routes = new ArrayList<>();
    final List<Rule> rules = new ArrayList<>();
    final List<Schedule> schedules = new ArrayList<>();
    final List<StreamRule> streamRules = new ArrayList<>();

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
        template.resourcesOfType(RULE_TYPE).forEach((id, resource) -> {
            if (exists(resource)) {
                readRule(id, CfnTemplate.properties(resource));
            }
        });
    }

    /** Is the resource created with these parameters (its {@code Condition}, if any, holds)? */
    private boolean exists(Map<String, Object> resource) {
        return !(resource.get("Condition") instanceof String condition) || intrinsics.condition(condition);
    }

    /** A rule resource: its delivery-stream targets become {@link StreamRule}s; other targets are not run here. */
    @SuppressWarnings("unchecked")
    private void readRule(String id, Map<String, Object> props) {
        String bus = String.valueOf(intrinsics.resolve(props.getOrDefault("EventBusName", "default")));
        String pattern = toJson(intrinsics.resolve(props.get("EventPattern")));
        for (Object item : (List<Object>) props.getOrDefault("Targets", List.of())) {
            Map<String, Object> target = (Map<String, Object>) item;
            String targetName = id + "." + target.get("Id");
            String streamId = getAttTarget(target.get("Arn"));
            Map<String, Object> stream = streamId == null ? null : template.resources().get(streamId);
            if (stream == null || !DELIVERY_STREAM_TYPE.equals(stream.get("Type"))) {
                System.out.println("local runner: ignoring target " + targetName + " (only delivery streams and functions run here)");
                continue;
            }
            if (!exists(stream)) {
                continue;
            }
            Map<String, Object> streamProps = CfnTemplate.properties(stream);
            Map<String, Object> s3 = (Map<String, Object>) streamProps.get("ExtendedS3DestinationConfiguration");
            if (s3 == null) {
                System.out.println("local runner: ignoring target " + targetName + " (its stream has no ExtendedS3DestinationConfiguration)");
                continue;
            }
            String prefix = stringOf(intrinsics.resolve(s3.getOrDefault("Prefix", "")));
            LocalFirehose.checkPrefix(targetName, prefix);
            Map<String, Object> processing = (Map<String, Object>) s3.getOrDefault("ProcessingConfiguration", Map.of());
            boolean newline = !"false".equals(String.valueOf(processing.getOrDefault("Enabled", true)))
                    && ((List<Object>) processing.getOrDefault("Processors", List.of())).stream()
                    .anyMatch(p -> "AppendDelimiterToRecord".equals(((Map<String, Object>) p).get("Type")));
            Object inputPath = target.get("InputPath");
            LocalFirehose.checkInputPath(targetName, inputPath == null ? null : String.valueOf(inputPath));
            streamRules.add(new StreamRule(targetName, streamId,
                    stringOf(intrinsics.resolve(streamProps.getOrDefault("DeliveryStreamName", streamId))),
                    bus, pattern, inputPath == null ? null : String.valueOf(inputPath), prefix, newline));
        }
    }

    /** The logical id of {@code !GetAtt X.Arn}, or null. */
    private static String getAttTarget(Object arn) {
        if (arn instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::GetAtt") != null) {
            Object getAtt = map.get("Fn::GetAtt");
            return getAtt instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(getAtt).split("\\.", 2)[0];
        }
        return null;
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
