package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The template's wiring: resources, routes, environment, and how each function is triggered. */
class WiringTest {
    private final Template template = Template.get();

    /** The intrinsics the local runner (devkit's Intrinsics) evaluates. */
    private static final Set<String> LOCAL_INTRINSICS = Set.of("Ref", "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::If",
            "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::Select", "Fn::Split", "Condition");

    @Test
    void theLogicalIdsOtherPartsRelyOnExistWithTheirTypes() {
        Map<String, String> expected = Map.of(
                "WebhookFunction", Template.FUNCTION, "NormaliseFunction", Template.FUNCTION,
                "ScoreFunction", Template.FUNCTION, "WelcomeFunction", Template.FUNCTION,
                "DigestFunction", Template.FUNCTION, "ApiFunction", Template.FUNCTION,
                "EventBus", "AWS::Events::EventBus", "ContributorTable", "AWS::DynamoDB::Table",
                "PulseApi", "AWS::Serverless::Api");
        expected.forEach((id, type) -> {
            assertNotNull(template.resources().get(id), id + " is missing from template.yaml");
            assertEquals(type, template.resources().get(id).get("Type"), id + " should be a " + type);
        });
    }

    @Test
    void theApiRoutesAreExactlyTheDocumentedOnes() {
        Set<String> routes = new TreeSet<>();
        template.functions().keySet().forEach(id -> template.events(id).forEach((name, event) -> {
            if ("Api".equals(event.get("Type"))) {
                Map<String, Object> p = Template.eventProps(event);
                assertTrue(Template.isRef(p.get("RestApiId"), "PulseApi"), id + "." + name + ": RestApiId should be !Ref PulseApi");
                boolean keyRequired = p.get("Auth") instanceof Map<?, ?> auth && Boolean.TRUE.equals(auth.get("ApiKeyRequired"));
                routes.add(String.valueOf(p.get("Method")).toUpperCase() + " " + p.get("Path") + " -> " + id
                        + (keyRequired ? " (api key)" : ""));
            }
        }));
        assertEquals(new TreeSet<>(List.of(
                "POST /webhooks/{platform} -> WebhookFunction",
                "GET /contributors/{id} -> ApiFunction (api key)",
                "GET /leaderboard -> ApiFunction (api key)",
                "GET /contributors/{id}/explain -> ApiFunction (api key)",
                "GET /bus-factor -> ApiFunction (api key)",
                "GET /health -> ApiFunction (api key)",
                "GET /contributors/{id}/activity -> ApiFunction (api key)",
                "GET /backfill -> ApiFunction (api key)",
                "GET /admin/export/{file} -> ApiFunction (api key)",
                "POST /admin/people/{id}/crm -> ApiFunction (api key)",
                "POST /admin/identities/link -> ApiFunction (api key)",
                "POST /admin/identities/unlink -> ApiFunction (api key)",
                "GET /admin/identities/suggestions -> ApiFunction (api key)",
                "GET / -> ApiFunction",
                "GET /dashboard/{asset} -> ApiFunction",
                "GET /public/leaderboard -> ApiFunction",
                "GET /public/contributors/{id} -> ApiFunction")), routes,
                "routes (platforms cannot send an API key, so webhooks need none; the read API does)");
    }

    @Test
    void everyAdminRouteNeedsTheApiKeyAndIsServedByTheReadOnlyApi() {
        List<String> admin = new ArrayList<>();
        template.functions().keySet().forEach(id -> template.events(id).forEach((name, event) -> {
            Map<String, Object> p = Template.eventProps(event);
            if ("Api".equals(event.get("Type")) && String.valueOf(p.get("Path")).startsWith("/admin/")) {
                admin.add(id + "." + name);
                assertEquals("ApiFunction", id, name + ": admin routes are the read-only api's (its IAM: PoliciesTest)");
                assertTrue(p.get("Auth") instanceof Map<?, ?> auth && Boolean.TRUE.equals(auth.get("ApiKeyRequired")),
                        id + "." + name + ": an admin route (bulk exports of people, changes to them) needs the API key");
            }
        }));
        assertEquals(Set.of("ApiFunction.Export", "ApiFunction.CrmId", "ApiFunction.IdentityLink",
                "ApiFunction.IdentityUnlink", "ApiFunction.IdentitySuggestions"), Set.copyOf(admin));
    }

    @Test
    void everyFunctionHasADeadLetteredRuleAScheduleOrAnApiEvent() {
        template.functions().keySet().forEach(id -> {
            List<String> triggers = new ArrayList<>();
            template.events(id).forEach((name, event) -> {
                String type = String.valueOf(event.get("Type"));
                Map<String, Object> p = Template.eventProps(event);
                switch (type) {
                    case "Api" -> triggers.add(name);
                    case "Schedule" -> {
                        assertNotNull(p.get("Schedule"), id + "." + name + ": a Schedule event needs its Schedule");
                        assertDeadLettered(id + "." + name, p);
                        triggers.add(name);
                    }
                    case "EventBridgeRule" -> {
                        assertTrue(Template.isRef(p.get("EventBusName"), "EventBus"),
                                id + "." + name + ": the rule should be on the EventBus (EventBusName: !Ref EventBus)");
                        assertNotNull(p.get("Pattern"), id + "." + name + ": a rule needs a Pattern");
                        assertDeadLettered(id + "." + name, p);
                        triggers.add(name);
                    }
                    default -> throw new AssertionError(id + "." + name + ": event type " + type
                            + " is neither Api, EventBridgeRule nor Schedule (the local runner reads only those)");
                }
            });
            assertFalse(triggers.isEmpty(), id + " has no Api event, EventBridgeRule or Schedule: nothing would ever run it");
        });
    }

    private void assertDeadLettered(String where, Map<String, Object> p) {
        assertTrue(p.get("RetryPolicy") instanceof Map<?, ?> retry && retry.get("MaximumRetryAttempts") != null
                        && retry.get("MaximumEventAgeInSeconds") != null,
                where + ": needs a RetryPolicy with MaximumRetryAttempts and MaximumEventAgeInSeconds");
        Object arn = p.get("DeadLetterConfig") instanceof Map<?, ?> dlq ? dlq.get("Arn") : null;
        assertQueue(where + ": DeadLetterConfig.Arn", arn);
    }

    private void assertQueue(String where, Object arn) {
        String queue = Template.target(arn);
        assertNotNull(queue, where + " should be !GetAtt <a queue in this template>.Arn (a named, encrypted queue"
                + " whose URL is an output), not " + arn);
        Map<String, Object> resource = template.resources().get(queue);
        assertNotNull(resource, where + " names " + queue + ", which is not in the template");
        assertEquals(Template.QUEUE, resource.get("Type"), where + ": " + queue + " should be an SQS queue");
        Map<String, Object> q = Template.props(resource);
        assertNotNull(q.get("QueueName"), queue + ": give it a QueueName");
        assertTrue(Boolean.TRUE.equals(q.get("SqsManagedSseEnabled")) || q.get("KmsMasterKeyId") != null,
                queue + ": encrypt it (SqsManagedSseEnabled: true or KmsMasterKeyId)");
    }

    @Test
    void everyBusOrScheduleConsumerKeepsWhatStillFailsAfterLambdaRetries() {
        template.functions().keySet().forEach(id -> {
            boolean async = template.events(id).values().stream()
                    .anyMatch(e -> Set.of("EventBridgeRule", "Schedule").contains(e.get("Type")));
            if (!async) {
                return;
            }
            Map<String, Object> p = Template.props(template.functions().get(id));
            Object dlq = p.get("DeadLetterQueue");
            assertTrue(dlq instanceof Map<?, ?> m && "SQS".equals(m.get("Type")),
                    id + ": EventBridge invokes it asynchronously, so failures after Lambda's retries need a "
                            + "DeadLetterQueue (Type: SQS)");
            assertQueue(id + ": DeadLetterQueue.TargetArn", ((Map<?, ?>) dlq).get("TargetArn"));
            assertTrue(p.get("EventInvokeConfig") instanceof Map<?, ?> cfg && cfg.get("MaximumRetryAttempts") != null,
                    id + ": set EventInvokeConfig.MaximumRetryAttempts (Lambda's async retries)");
        });
    }

    @Test
    void everyDeadLetterQueueAcceptsEventBridgeMessages() {
        List<Object> allowed = new ArrayList<>();
        template.ofType("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            Object document = Template.props(policy).get("PolicyDocument");
            for (Object statement : Template.findAll(document, "Statement")) {
                for (Object s : Template.asList(statement)) {
                    if (s instanceof Map<?, ?> st && "Allow".equals(st.get("Effect"))
                            && Template.json(st.get("Principal")).contains("events.amazonaws.com")) {
                        allowed.addAll(Template.asList(st.get("Resource")));
                    }
                }
            }
        });
        template.ofType(Template.QUEUE).keySet().forEach(queue -> assertTrue(
                allowed.stream().anyMatch(r -> queue.equals(Template.target(r))),
                queue + ": no AWS::SQS::QueuePolicy lets events.amazonaws.com send to it (EventBridge dead letters"
                        + " would be dropped)"));
    }

    @Test
    void theTableIsKeptSafe() {
        Map<String, Object> table = template.resources().get("ContributorTable");
        Map<String, Object> p = Template.props(table);
        assertEquals("Retain", table.get("DeletionPolicy"), "ContributorTable: DeletionPolicy should be Retain");
        assertEquals("Retain", table.get("UpdateReplacePolicy"), "ContributorTable: UpdateReplacePolicy should be Retain");
        assertEquals("{\"PointInTimeRecoveryEnabled\":true}", Template.json(p.get("PointInTimeRecoverySpecification")),
                "ContributorTable: point-in-time recovery should be on");
        assertEquals("{\"SSEEnabled\":true}", Template.json(p.get("SSESpecification")), "ContributorTable: SSE should be on");
        assertEquals("{\"Fn::If\":[\"IsProd\",true,false]}", Template.json(p.get("DeletionProtectionEnabled")),
                "ContributorTable: deletion protection in prod");
        assertEquals("{\"AttributeName\":\"expires_at\",\"Enabled\":true}", Template.json(p.get("TimeToLiveSpecification")),
                "ContributorTable: TTL on expires_at (delivery de-dup and activity retention rely on it)");
        assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), "ContributorTable: on-demand");
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        template.functions().keySet().forEach(id -> {
            Map<String, Object> p = Template.props(template.functions().get(id));
            Object logging = p.get("LoggingConfig");
            Object groupRef = logging instanceof Map<?, ?> m ? m.get("LogGroup") : null;
            String groupId = Template.target(groupRef);
            assertNotNull(groupId, id + ": LoggingConfig.LogGroup should be !Ref <its AWS::Logs::LogGroup>");
            Map<String, Object> group = template.resources().get(groupId);
            assertNotNull(group, id + ": log group " + groupId + " is not in the template");
            assertEquals(Template.LOG_GROUP, group.get("Type"), id + ": " + groupId + " should be an AWS::Logs::LogGroup");
            Map<String, Object> g = Template.props(group);
            assertNotNull(g.get("RetentionInDays"), groupId + ": set RetentionInDays (logs otherwise never expire)");
            String functionName = sub(p.get("FunctionName"), id + ".FunctionName");
            assertEquals("/aws/lambda/" + functionName, sub(g.get("LogGroupName"), groupId + ".LogGroupName"),
                    groupId + ": LogGroupName should be /aws/lambda/<the function's name>");
        });
    }

    private static String sub(Object value, String where) {
        assertTrue(value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String,
                where + " should be a !Sub string, e.g. ${AWS::StackName}-webhook, not " + value);
        return (String) ((Map<?, ?>) value).get("Fn::Sub");
    }

    @Test
    void theEnvironmentHoldsWhatTheFunctionsRead() {
        Map<String, List<String>> required = Map.of(
                "WebhookFunction", List.of("SECRETS_PROVIDER", "GITHUB_WEBHOOK_SECRET_NAME", "DISCOURSE_WEBHOOK_SECRET_NAME",
                        "DISCORD_PUBLIC_KEY_NAME", "SLACK_SIGNING_SECRET_NAME", "COMMUNITY_WEBHOOK_SECRET_NAME",
                        "WEBHOOK_SECRETS_NAME"),
                "NormaliseFunction", List.of(),
                "ScoreFunction", List.of("SCORING_CONFIG", "RETENTION_DAYS"),
                "WelcomeFunction", List.of("PLATFORM_TOKENS_SECRET_NAME"),
                "DigestFunction", List.of("DIGEST_RECIPIENTS", "DIGEST_SENDER", "SCORING_CONFIG"),
                "ReconcileFunction", List.of("GITHUB_RECONCILE_HOOKS", "RECONCILE_MAX_REDELIVERIES", "GITHUB_API_URL",
                        "PLATFORM_TOKENS_SECRET_NAME"),
                "BackfillFunction", List.of("GITHUB_API_URL", "PLATFORM_TOKENS_SECRET_NAME", "BACKFILL_RATE_SHARE"),
                "ApiFunction", List.of());
        assertEquals(required.keySet(), template.functions().keySet(), "functions changed: list what each one reads");
        required.forEach((id, names) -> {
            Map<String, Object> env = template.environment(id);
            for (String name : List.of("TABLE_NAME", "EVENT_BUS_NAME", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL",
                    "POWERTOOLS_METRICS_NAMESPACE")) {
                assertTrue(env.containsKey(name), id + ": environment lacks " + name);
            }
            names.forEach(name -> assertTrue(env.containsKey(name), id + ": environment lacks " + name));
            env.forEach((name, value) -> assertLocalIntrinsics(id + ".Environment." + name, value));
        });
        assertTrue(Template.isRef(template.environment("ScoreFunction").get("TABLE_NAME"), "ContributorTable"),
                "TABLE_NAME should be !Ref ContributorTable");
        assertTrue(Template.isRef(template.environment("ScoreFunction").get("EVENT_BUS_NAME"), "EventBus"),
                "EVENT_BUS_NAME should be !Ref EventBus");
    }

    @Test
    void rulePatternsUseOnlyWhatTheLocalRunnerEvaluates() {
        template.functions().keySet().forEach(id -> template.events(id).forEach((name, event) ->
                assertLocalIntrinsics(id + ".Events." + name, Template.eventProps(event).get("Pattern"))));
    }

    private static void assertLocalIntrinsics(String where, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                assertFalse(key.startsWith("Fn::") && !LOCAL_INTRINSICS.contains(key),
                        where + " uses " + key + ", which the local runner cannot evaluate");
                assertLocalIntrinsics(where, v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> assertLocalIntrinsics(where, v));
        }
    }

    @Test
    void functionsAreTracedAndOnASupportedRuntime() {
        template.functions().keySet().forEach(id -> {
            assertEquals("Active", template.functionProperty(id, "Tracing"), id + ": Tracing should be Active");
            Object runtime = template.functionProperty(id, "Runtime");
            // java17 and java11 run on Amazon Linux 2: no new functions since 2026-07-31
            assertTrue(Set.of("java21", "java25").contains(runtime),
                    id + ": Runtime " + runtime + " is not a Java runtime Lambda still creates functions on");
        });
    }

    @Test
    void snapStartFunctionsPublishAnAliasAndTheLatencyPathHasIt() {
        template.functions().keySet().forEach(id -> {
            Map<String, Object> p = Template.props(template.functions().get(id));
            if (p.get("SnapStart") != null) {
                assertEquals("{\"ApplyOn\":\"PublishedVersions\"}", Template.json(p.get("SnapStart")), id + ": SnapStart");
                assertNotNull(p.get("AutoPublishAlias"),
                        id + ": SnapStart applies to published versions only; set AutoPublishAlias so events call one");
            }
        });
        for (String id : List.of("WebhookFunction", "ApiFunction")) {
            assertNotNull(Template.props(template.functions().get(id)).get("SnapStart"),
                    id + " answers HTTP callers (Discord and Slack give 3 s): it should use SnapStart");
        }
    }

    @Test
    void theWebhookHasReservedConcurrencyAndTheApiIsThrottled() {
        assertNotNull(Template.props(template.functions().get("WebhookFunction")).get("ReservedConcurrentExecutions"),
                "WebhookFunction: set ReservedConcurrentExecutions");
        Map<String, Object> api = Template.props(template.resources().get("PulseApi"));
        String settings = Template.json(api.get("MethodSettings"));
        assertTrue(settings.contains("ThrottlingBurstLimit") && settings.contains("ThrottlingRateLimit"),
                "PulseApi: MethodSettings should set ThrottlingBurstLimit and ThrottlingRateLimit");
        String auth = Template.json(api.get("Auth"));
        assertTrue(auth.contains("\"UsagePlan\"") && auth.contains("\"Throttle\""),
                "PulseApi: Auth.UsagePlan with a Throttle for API key holders");
    }
}
