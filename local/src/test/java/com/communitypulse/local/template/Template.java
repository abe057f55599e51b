package com.communitypulse.local.template;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code template.yaml} as the template tests see it: read with devkit's {@link CfnTemplate}
 * (short intrinsic tags become their JSON forms, as CloudFormation sees them) plus small
 * helpers to walk it. One instance per JVM: the file does not change during a test run.
 */
final class Template {
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String ALARM = "AWS::CloudWatch::Alarm";
    static final String LOG_GROUP = "AWS::Logs::LogGroup";

    /** Logical ids SAM generates from our resources, which Outputs and alarms may name. */
    static final Set<String> SAM_GENERATED = Set.of("PulseApiApiKey", "PulseApiUsagePlan", "PulseApiUsagePlanKey",
            "PulseApiStage", "ServerlessRestApi");
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static Template instance;

    final Path file;
    final Path root;
    final CfnTemplate cfn;

    private Template(Path file) {
        this.file = file;
        this.root = file.getParent();
        this.cfn = CfnTemplate.load(file);
    }

    static synchronized Template get() {
        if (instance == null) {
            instance = new Template(CfnTemplate.locate(Path.of("")));
        }
        return instance;
    }

    Map<String, Map<String, Object>> resources() {
        return cfn.resources();
    }

    Map<String, Map<String, Object>> ofType(String type) {
        return cfn.resourcesOfType(type);
    }

    Map<String, Map<String, Object>> functions() {
        return ofType(FUNCTION);
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        return CfnTemplate.properties(resource);
    }

    /** A function property, falling back to {@code Globals.Function}. */
    Object functionProperty(String functionId, String name) {
        Object own = props(functions().get(functionId)).get(name);
        return own != null ? own : cfn.globalsFunction().get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> events(String functionId) {
        return (Map<String, Map<String, Object>>) props(functions().get(functionId)).getOrDefault("Events", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> eventProps(Map<String, Object> event) {
        return (Map<String, Object>) event.getOrDefault("Properties", Map.of());
    }

    /** The function's environment variables, Globals first then its own, unevaluated. */
    @SuppressWarnings("unchecked")
    Map<String, Object> environment(String functionId) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(cfn.globalsFunction(), props(functions().get(functionId)))) {
            Map<String, Object> environment = (Map<String, Object>) source.getOrDefault("Environment", Map.of());
            env.putAll((Map<String, Object>) environment.getOrDefault("Variables", Map.of()));
        }
        return env;
    }

    JsonNode asJson() {
        return Json.mapper().valueToTree(cfn.root());
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Is this value {@code {"Ref": name}}? */
    static boolean isRef(Object value, String name) {
        return value instanceof Map<?, ?> map && map.size() == 1 && name.equals(map.get("Ref"));
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} points at, or null. */
    static String target(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String ref) {
                return ref;
            }
            Object getAtt = map.get("Fn::GetAtt");
            if (getAtt instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
            if (getAtt instanceof String text) {
                return text.split("\\.", 2)[0];
            }
        }
        return null;
    }

    /**
     * Every name the value refers to: {@code Ref}s, {@code Fn::GetAtt} resources and the
     * variables of {@code Fn::Sub} strings (minus the Sub's own variable map), with the path
     * where each was found.
     */
    static void references(Object value, String path, BiConsumer<String, String> sink) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                references(list.get(i), path + "[" + i + "]", sink);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1 && map.containsKey("Fn::Sub")) {
            Object arg = map.get("Fn::Sub");
            String text;
            Map<?, ?> own = Map.of();
            if (arg instanceof List<?> list) {
                text = String.valueOf(list.get(0));
                own = list.size() > 1 && list.get(1) instanceof Map<?, ?> vars ? vars : Map.of();
                references(own, path + ".Fn::Sub", sink);
            } else {
                text = String.valueOf(arg);
            }
            Matcher matcher = SUB_VARIABLE.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (own.containsKey(name)) {
                    continue;
                }
                sink.accept(name.contains(".") && !name.startsWith("AWS::") ? name.split("\\.", 2)[0] : name, path);
            }
            return;
        }
        String single = map.size() == 1 ? target(map) : null;
        if (single != null) {
            sink.accept(single, path);
            if (map.containsKey("Ref")) {
                return;
            }
        }
        map.forEach((k, v) -> references(v, path + "." + k, sink));
    }

    /** All values under a key anywhere in the tree (e.g. every "Statement"). */
    static List<Object> findAll(Object value, String key) {
        List<Object> found = new ArrayList<>();
        collect(value, key, found);
        return found;
    }

    private static void collect(Object value, String key, List<Object> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k)) {
                    found.add(v);
                }
                collect(v, key, found);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, key, found));
        }
    }

    static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }
}
