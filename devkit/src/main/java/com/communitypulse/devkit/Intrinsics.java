package com.communitypulse.devkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsic functions the template uses ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::GetAtt}, {@code Fn::Join}, {@code Fn::If}, {@code Fn::Equals}, ...) against
 * local values: parameters' defaults (or overrides), resource logical ids as their names,
 * and local ARNs. Used by the local runner to build each function's environment.
 */
public final class Intrinsics {
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> refs;
    private final Map<String, Object> conditions;
    private final String region;
    private final String account;

    /**
     * @param refs       what {@code Ref} of a name gives: parameters, pseudo parameters, resources
     * @param conditions the template's {@code Conditions} section (evaluated lazily)
     */
    public Intrinsics(Map<String, Object> refs, Map<String, Object> conditions, String region, String account) {
        this.refs = refs;
        this.conditions = conditions;
        this.region = region;
        this.account = account;
    }

    @SuppressWarnings("unchecked")
    public Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(resolve(item));
            }
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            String key = (String) map.keySet().iterator().next();
            Object arg = map.get(key);
            switch (key) {
                case "Ref":
                    return ref((String) arg);
                case "Fn::GetAtt":
                    List<Object> parts = arg instanceof String s ? List.of(s.split("\\.", 2)) : (List<Object>) arg;
                    return getAtt((String) parts.get(0), (String) parts.get(1));
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join": {
                    List<Object> args = (List<Object>) arg;
                    List<Object> items = (List<Object>) resolve(args.get(1));
                    List<String> strings = new ArrayList<>();
                    items.forEach(i -> strings.add(String.valueOf(i)));
                    return String.join((String) args.get(0), strings);
                }
                case "Fn::If": {
                    List<Object> args = (List<Object>) arg;
                    return condition((String) args.get(0)) ? resolve(args.get(1)) : resolve(args.get(2));
                }
                case "Fn::Equals": {
                    List<Object> args = (List<Object>) arg;
                    return String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
                }
                case "Fn::Not":
                    return !truth(((List<Object>) arg).get(0));
                case "Fn::And":
                    return ((List<Object>) arg).stream().allMatch(this::truth);
                case "Fn::Or":
                    return ((List<Object>) arg).stream().anyMatch(this::truth);
                case "Condition":
                    return condition((String) arg);
                case "Fn::Select": {
                    List<Object> args = (List<Object>) arg;
                    int index = Integer.parseInt(String.valueOf(resolve(args.get(0))));
                    return ((List<Object>) resolve(args.get(1))).get(index);
                }
                case "Fn::Split": {
                    List<Object> args = (List<Object>) arg;
                    String text = String.valueOf(resolve(args.get(1)));
                    return List.of(text.split(Pattern.quote((String) args.get(0)), -1));
                }
                default:
                    break;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, resolve(v)));
        return out;
    }

    public boolean condition(String name) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(Object expression) {
        return Boolean.TRUE.equals(resolve(expression));
    }

    private Object ref(String name) {
        if ("AWS::NoValue".equals(name)) {
            return null;
        }
        if (!refs.containsKey(name)) {
            throw new IllegalArgumentException("Ref to unknown name " + name);
        }
        return refs.get(name);
    }

    private String getAtt(String resource, String attribute) {
        return switch (attribute) {
            case "Arn" -> "arn:aws:local:" + region + ":" + account + ":" + resource;
            case "QueueUrl" -> "http://localhost/queue/" + resource;
            default -> String.valueOf(ref(resource));
        };
    }

    @SuppressWarnings("unchecked")
    private String sub(Object arg) {
        String template;
        Map<String, Object> vars = Map.of();
        if (arg instanceof List<?> list) {
            template = (String) list.get(0);
            vars = (Map<String, Object>) list.get(1);
        } else {
            template = (String) arg;
        }
        Matcher matcher = SUB_VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value;
            if (vars.containsKey(name)) {
                value = resolve(vars.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = getAtt(parts[0], parts[1]);
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
