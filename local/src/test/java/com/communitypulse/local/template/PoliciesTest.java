package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege: each function's role holds SAM policy templates that exist, or inline
 * statements that never grant a write on {@code *}, and only the actions its job needs.
 */
class PoliciesTest {
    private static Map<String, Map<String, Object>> policyTemplates;
    private final Template template = Template.get();

    /** Actions that read or check; everything else counts as a write. */
    private static final List<String> READ_VERBS = List.of("Get", "List", "Describe", "Query", "Scan", "BatchGet",
            "Read", "ConditionCheck");

    @BeforeAll
    static void loadPolicyTemplates() throws Exception {
        try (InputStream in = PoliciesTest.class.getResourceAsStream("/sam/sam-policy-templates.json")) {
            Map<String, Object> file = Json.mapper().readValue(in, new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> templates = (Map<String, Map<String, Object>>) file.get("Templates");
            policyTemplates = templates;
        }
    }

    static boolean isWrite(String action) {
        String verb = action.contains(":") ? action.substring(action.indexOf(':') + 1) : action;
        return READ_VERBS.stream().noneMatch(verb::startsWith);
    }

    /** What is wrong with one inline statement (empty when nothing). */
    static List<String> problems(String where, Map<?, ?> statement) {
        List<String> problems = new ArrayList<>();
        if (!"Allow".equals(statement.get("Effect"))) {
            return problems;
        }
        List<Object> actions = Template.asList(statement.get("Action"));
        List<Object> resources = Template.asList(statement.get("Resource"));
        if (actions.isEmpty()) {
            problems.add(where + ": a statement without Action");
        }
        for (Object action : actions) {
            String a = String.valueOf(action);
            if (a.equals("*") || a.endsWith(":*")) {
                problems.add(where + ": wildcard action " + a);
            }
        }
        boolean writes = actions.stream().map(String::valueOf).anyMatch(PoliciesTest::isWrite);
        if (writes && (resources.isEmpty() || resources.contains("*"))) {
            problems.add(where + ": write action(s) " + actions + " on Resource \"*\"; scope them to the resource");
        }
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            problems.add(where + ": NotAction/NotResource grant far more than they seem to");
        }
        return problems;
    }

    @Test
    void everyPolicyIsAKnownSamTemplateOrAScopedInlineStatement() {
        List<String> problems = new ArrayList<>();
        template.functions().keySet().forEach(id -> {
            Object policies = Template.props(template.functions().get(id)).get("Policies");
            int i = 0;
            for (Object policy : Template.asList(policies)) {
                String where = id + ".Policies[" + i++ + "]";
                if (policy instanceof String name) {
                    problems.add(where + ": managed policy " + name + " (too broad; use a SAM policy template or a statement)");
                } else if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                    for (Object statement : Template.asList(map.get("Statement"))) {
                        problems.addAll(problems(where, (Map<?, ?>) statement));
                    }
                } else if (policy instanceof Map<?, ?> map && map.size() == 1) {
                    String name = String.valueOf(map.keySet().iterator().next());
                    Map<String, Object> known = policyTemplates.get(name);
                    if (known == null) {
                        problems.add(where + ": " + name + " is not a SAM policy template");
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Set<String> expected = ((Map<String, Object>) known.getOrDefault("Parameters", Map.of())).keySet();
                    Object given = map.get(name);
                    Set<String> actual = given instanceof Map<?, ?> g ? new TreeSet<>(g.keySet().stream().map(String::valueOf).toList())
                            : Set.of();
                    if (!expected.equals(actual)) {
                        problems.add(where + ": " + name + " takes " + expected + ", given " + actual);
                    }
                } else {
                    problems.add(where + ": neither a policy template nor a statement: " + policy);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theCheckCatchesAWriteOnEverything() {
        assertEquals(1, problems("Sample", Map.of("Effect", "Allow", "Action", List.of("dynamodb:PutItem"), "Resource", "*")).size());
        assertEquals(1, problems("Sample", Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "arn:aws:s3:::b/*")).size());
        assertEquals(0, problems("Sample", Map.of("Effect", "Allow", "Action", "xray:GetSamplingRules", "Resource", "*")).size());
        assertTrue(isWrite("ses:SendEmail") && !isWrite("dynamodb:BatchGetItem") && isWrite("dynamodb:BatchWriteItem"));
    }

    /** Every action a function may take: its inline statements plus the policy templates' definitions. */
    private Set<String> actions(String functionId) {
        Set<String> actions = new TreeSet<>();
        Object policies = Template.props(template.functions().get(functionId)).get("Policies");
        for (Object policy : Template.asList(policies)) {
            Object source = policy;
            if (policy instanceof Map<?, ?> map && !map.containsKey("Statement") && map.size() == 1) {
                source = policyTemplates.get(String.valueOf(map.keySet().iterator().next())).get("Definition");
            }
            for (Object statement : Template.findAll(source, "Statement")) {
                for (Object s : Template.asList(statement)) {
                    Template.asList(((Map<?, ?>) s).get("Action")).forEach(a -> actions.add(String.valueOf(a)));
                }
            }
        }
        return actions;
    }

    @Test
    void eachFunctionMayDoOnlyWhatItsJobNeeds() {
        Set<String> webhook = actions("WebhookFunction");
        assertEquals(Set.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "events:PutEvents", "secretsmanager:GetSecretValue"),
                webhook, "WebhookFunction: de-dup claims (claim, take over a stale one, give back), PutEvents and its secrets only");

        assertEquals(Set.of("events:PutEvents"), actions("NormaliseFunction"), "NormaliseFunction: PutEvents only");

        Set<String> api = actions("ApiFunction");
        // read only on the table; its one write is an admin change put on the bus, which the score function applies
        assertEquals(Set.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "events:PutEvents"), api,
                "ApiFunction: DynamoDB reads (never a Scan) and PutEvents, has " + api);
        assertTrue(api.stream().filter(PoliciesTest::isWrite).allMatch("events:PutEvents"::equals),
                "ApiFunction writes nothing but bus events, has " + api);

        Set<String> welcome = actions("WelcomeFunction");
        assertTrue(welcome.contains("secretsmanager:GetSecretValue") && welcome.contains("dynamodb:PutItem"),
                "WelcomeFunction: its tokens and its welcomed marker, has " + welcome);
        assertFalse(welcome.contains("events:PutEvents") || welcome.contains("dynamodb:Scan"),
                "WelcomeFunction: no bus writes, no scans, has " + welcome);

        Set<String> digest = actions("DigestFunction");
        assertTrue(digest.containsAll(Set.of("dynamodb:Query", "ses:SendEmail")), "DigestFunction: Query and SendEmail, has " + digest);
        assertFalse(digest.contains("dynamodb:Scan") || digest.contains("events:PutEvents") || digest.contains("dynamodb:BatchWriteItem"),
                "DigestFunction: no scans, no bus writes, has " + digest);

        for (String id : List.of("NormaliseFunction", "ScoreFunction", "DigestFunction", "ApiFunction")) {
            assertFalse(actions(id).contains("secretsmanager:GetSecretValue"), id + " reads no secrets");
        }
    }

    @Test
    void theApisPutEventsIsOnTheStacksBusOnly() {
        Object policies = Template.props(template.functions().get("ApiFunction")).get("Policies");
        List<Object> buses = new ArrayList<>();
        for (Object policy : Template.asList(policies)) {
            if (policy instanceof Map<?, ?> map && map.containsKey("EventBridgePutEventsPolicy")) {
                buses.add(((Map<?, ?>) map.get("EventBridgePutEventsPolicy")).get("EventBusName"));
            }
            if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                for (Object st : Template.asList(map.get("Statement"))) {
                    assertFalse(Template.json(((Map<?, ?>) st).get("Action")).contains("events:"),
                            "ApiFunction: bus access through the scoped policy template only");
                }
            }
        }
        assertEquals(1, buses.size(), "one PutEvents grant, has " + buses);
        assertTrue(Template.isRef(buses.get(0), "EventBus"), "PutEvents on the stack's EventBus only, has " + buses);
    }

    @Test
    void secretsAndEmailAreScopedToTheirNames() {
        List<String> problems = new ArrayList<>();
        template.functions().keySet().forEach(id -> {
            Object policies = Template.props(template.functions().get(id)).get("Policies");
            for (Object statement : Template.findAll(policies, "Statement")) {
                for (Object s : Template.asList(statement)) {
                    Map<?, ?> st = (Map<?, ?>) s;
                    String actions = Template.json(st.get("Action"));
                    for (Object resource : Template.asList(st.get("Resource"))) {
                        String r = Template.json(resource);
                        if (actions.contains("secretsmanager:") && !(r.contains("SecretName}-??????"))) {
                            problems.add(id + ": secret resource " + r + " should be secret:${<Name>Parameter}-??????");
                        }
                    }
                    if (actions.contains("ses:Send") && !Template.json(st.get("Condition")).contains("ses:FromAddress")) {
                        problems.add(id + ": SES sending should be conditioned on ses:FromAddress (the DigestSender)");
                    }
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The ARNs the webhook may read secrets from, with the template's defaults and these parameter values. */
    @SuppressWarnings("unchecked")
    private List<Object> webhookSecretArns(Map<String, String> parameters) {
        Map<String, Object> refs = new java.util.LinkedHashMap<>();
        template.cfn.parameters().forEach((name, definition) ->
                refs.put(name, parameters.getOrDefault(name, String.valueOf(definition.getOrDefault("Default", "")))));
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::Region", "eu-west-1");
        refs.put("AWS::AccountId", "123456789012");
        com.communitypulse.devkit.Intrinsics intrinsics = new com.communitypulse.devkit.Intrinsics(refs,
                (Map<String, Object>) template.cfn.root().get("Conditions"), "eu-west-1", "123456789012");
        List<Object> arns = new ArrayList<>();
        for (Object statement : Template.findAll(Template.props(template.functions().get("WebhookFunction")).get("Policies"), "Statement")) {
            for (Object s : Template.asList(statement)) {
                Map<?, ?> st = (Map<?, ?>) s;
                if (Template.json(st.get("Action")).contains("secretsmanager:GetSecretValue")) {
                    arns.addAll(Template.asList(intrinsics.resolve(st.get("Resource"))));
                }
            }
        }
        return arns;
    }

    @Test
    void theWebhookMayReadOnlyTheSecretsOfTheLayoutInUse() {
        String prefix = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
        assertEquals(List.of(prefix + "community-pulse/github-webhook-??????", prefix + "community-pulse/discourse-webhook-??????",
                        prefix + "community-pulse/discord-public-key-??????", prefix + "community-pulse/slack-signing-secret-??????",
                        prefix + "community-pulse/community-webhook-??????"), webhookSecretArns(Map.of()),
                "WebhookSecretsSecretName empty (default): the five per-platform secrets");
        assertEquals(List.of(prefix + "cp/webhook-secrets-??????"),
                webhookSecretArns(Map.of("WebhookSecretsSecretName", "cp/webhook-secrets")),
                "WebhookSecretsSecretName set: that one secret, none of the five");
    }
}
