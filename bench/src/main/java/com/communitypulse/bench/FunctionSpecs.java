package com.communitypulse.bench;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.Intrinsics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of {@code template.yaml}: logical id, handler, deployable jar (CodeUri) and the
 * environment the template gives them (Globals merged, intrinsics evaluated with parameter
 * defaults, resources named by their logical ids, as the local runner names them).
 */
final class FunctionSpecs {
    record Spec(String logicalId, String handler, String codeUri, Map<String, String> environment) {
        /** The {@code functions/<name>} folder name, from {@code functions/<name>/target/<name>.jar}. */
        String module() {
            String[] parts = codeUri.split("/");
            return parts.length >= 2 ? parts[1] : logicalId;
        }

        String handlerClass() {
            return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        }
    }

    private FunctionSpecs() {
    }

    @SuppressWarnings("unchecked")
    static List<Spec> read(Repo repo) {
        CfnTemplate template = CfnTemplate.load(repo.template());
        Map<String, Object> refs = new LinkedHashMap<>();
        template.parameters().forEach((name, definition) -> {
            Object value = definition.get("Default");
            if ("CommaDelimitedList".equals(definition.get("Type")) && value instanceof String s) {
                value = List.of(s.split(",", -1));
            }
            refs.put(name, value == null ? "" : value);
        });
        refs.put("AWS::Region", "us-east-1");
        refs.put("AWS::AccountId", "000000000000");
        refs.put("AWS::StackName", "community-pulse");
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        template.resources().keySet().forEach(id -> refs.put(id, id));
        Map<String, Object> conditions = (Map<String, Object>) template.root().getOrDefault("Conditions", Map.of());
        Intrinsics intrinsics = new Intrinsics(refs, conditions, "us-east-1", "000000000000");
        Map<String, Object> globals = template.globalsFunction();
        List<Spec> specs = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> props = CfnTemplate.properties(resource);
            Map<String, String> env = new LinkedHashMap<>();
            env.putAll(variables(globals, intrinsics));
            env.putAll(variables(props, intrinsics));
            specs.add(new Spec(id, String.valueOf(props.get("Handler")), String.valueOf(props.get("CodeUri")), env));
        });
        return specs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(Map<String, Object> props, Intrinsics intrinsics) {
        Map<String, Object> environment = (Map<String, Object>) props.getOrDefault("Environment", Map.of());
        Map<String, Object> vars = (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        vars.forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (resolved instanceof List<?> list) {
                out.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (resolved != null) {
                out.put(name, String.valueOf(resolved));
            }
        });
        return out;
    }
}
