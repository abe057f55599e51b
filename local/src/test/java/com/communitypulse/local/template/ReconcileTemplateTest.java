package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GitHub delivery reconciler's wiring (docs/github-reconciler.md): an hourly schedule with its own
 * dead-letter queue, off by default, reading only the webhook's GitHub claims and writing only its own items.
 */
class ReconcileTemplateTest {
    private final Template template = Template.get();

    @Test
    void itIsAScheduleWithRetriesAndADeadLetterQueueThatEventBridgeMayUse() {
        Map<String, Map<String, Object>> events = template.events("ReconcileFunction");
        assertEquals(1, events.size(), "one event: the schedule");
        Map<String, Object> event = events.values().iterator().next();
        assertEquals("Schedule", event.get("Type"));
        Map<String, Object> props = Template.eventProps(event);
        assertTrue(Template.isRef(props.get("Schedule"), "GitHubReconcileSchedule"), "Schedule: !Ref GitHubReconcileSchedule");
        assertEquals("rate(1 hour)", template.cfn.parameters().get("GitHubReconcileSchedule").get("Default"));
        assertTrue(Template.json(props.get("DeadLetterConfig")).contains("ReconcileDeadLetterQueue"));
        assertTrue(Template.json(props.get("Name")).contains("-github-reconcile"));
        assertTrue(Template.json(template.resources().get("DeadLetterQueuePolicy")).contains("rule/${AWS::StackName}-github-reconcile"),
                "the queue policy admits the schedule's rule");
        Map<String, Object> function = Template.props(template.functions().get("ReconcileFunction"));
        assertTrue(Template.json(function.get("DeadLetterQueue")).contains("ReconcileDeadLetterQueue"),
                "a failed run (after Lambda's retries) is dead-lettered");
    }

    @Test
    void itIsOffByDefaultAndItsHooksParameterRefusesWhatTheFunctionWouldRefuse() {
        Map<String, Object> hooks = template.cfn.parameters().get("GitHubReconcileHooks");
        assertEquals("", hooks.get("Default"), "empty = off");
        Pattern allowed = Pattern.compile(String.valueOf(hooks.get("AllowedPattern")));
        for (String good : List.of("", "repo:octo-org/hello-world:123", "org:octo-org:9,repo:a/b.c:1")) {
            assertTrue(allowed.matcher(good).matches(), good);
        }
        for (String bad : List.of("app:1", "repo:octo-org:1", "repo:a/b:x", "repo:a/b:1,", "repo:a/b:1, org:c:2")) {
            assertFalse(allowed.matcher(bad).matches(), bad);
        }
        Map<String, Object> env = template.environment("ReconcileFunction");
        assertTrue(Template.isRef(env.get("GITHUB_RECONCILE_HOOKS"), "GitHubReconcileHooks"));
        assertTrue(Template.isRef(env.get("RECONCILE_MAX_REDELIVERIES"), "GitHubReconcileBudget"));
        assertTrue(Template.isRef(env.get("PLATFORM_TOKENS_SECRET_NAME"), "PlatformTokensSecretName"));
        assertNotNull(env.get("TABLE_NAME"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itReadsOnlyGitHubClaimsAndItsOwnItemsAndWritesOnlyItsOwn() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : Template.asList(Template.props(template.functions().get("ReconcileFunction")).get("Policies"))) {
            Template.asList(((Map<String, Object>) policy).get("Statement")).forEach(s -> statements.add((Map<String, Object>) s));
        }
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            List<String> own = Template.asList(statement.get("Action")).stream().map(String::valueOf).toList();
            actions.addAll(own);
            if (own.stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                String condition = Template.json(statement.get("Condition"));
                assertTrue(condition.contains("dynamodb:LeadingKeys"), own + " should be limited by dynamodb:LeadingKeys");
                if (own.stream().anyMatch(PoliciesTest::isWrite)) {
                    assertFalse(condition.contains("DELIVERY#"), "the webhook's claims are never written by the reconciler");
                    assertTrue(condition.contains("INGEST#") && condition.contains("RECONCILE#"), condition);
                } else {
                    assertTrue(condition.contains("DELIVERY#github#"), condition);
                }
            }
        }
        assertTrue(actions.contains("dynamodb:BatchGetItem") && actions.contains("dynamodb:UpdateItem")
                && actions.contains("secretsmanager:GetSecretValue"), actions.toString());
        for (String never : List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query", "events:PutEvents")) {
            assertFalse(actions.contains(never), "ReconcileFunction needs no " + never);
        }
    }
}
