package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.Intrinsics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rule's dead-letter queue only helps if EventBridge may send to it. EventBridge delivers a
 * failed event to a rule's {@code DeadLetterConfig} queue as {@code events.amazonaws.com}, and the
 * queue's policy must allow {@code sqs:SendMessage} for that rule's ARN (the {@code aws:SourceArn}
 * condition), or the event is dropped: the rule's {@code DeadLetterInvocations} stays 0 and
 * {@code InvocationsFailedToBeSentToDlq} counts it instead. So every rule and schedule target with a
 * dead-letter queue must be admitted by a policy statement on that queue.
 */
class DeadLetterPoliciesTest {
    private static final String STACK = "pulse";
    private static final String REGION = "eu-west-1";
    private static final String ACCOUNT = "123456789012";
    private final Template template = Template.get();

    /** A rule's ARN as EventBridge names it: {@code rule/{name}} on the default bus, {@code rule/{bus}/{name}} on another. */
    private String ruleArn(String functionId, String eventId, Map<String, Object> props, Intrinsics intrinsics) {
        // a rule without Name gets a generated one, {stack}-{function}{event}-{suffix}: match it with that shape
        String name = props.containsKey("Name") ? String.valueOf(intrinsics.resolve(props.get("Name")))
                : STACK + "-" + functionId + eventId + "-1A2B3C4D5E6F";
        Object bus = props.get("EventBusName");
        String prefix = "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/";
        return bus == null ? prefix + name : prefix + intrinsics.resolve(bus) + "/" + name;
    }

    @Test
    void everyRuleAndScheduleTargetsDeadLetterQueueAdmitsThatRule() {
        Intrinsics intrinsics = intrinsics();
        List<Object> statements = new ArrayList<>();
        template.ofType("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            Object document = Template.props(policy).get("PolicyDocument");
            statements.addAll(Template.asList(((Map<?, ?>) intrinsics.resolve(document)).get("Statement")));
        });
        List<String> refused = new ArrayList<>();
        int targets = 0;
        for (String functionId : template.functions().keySet()) {
            for (var event : template.events(functionId).entrySet()) {
                String type = String.valueOf(event.getValue().get("Type"));
                Map<String, Object> props = Template.eventProps(event.getValue());
                if (!List.of("EventBridgeRule", "Schedule", "CloudWatchEvent").contains(type)
                        || !(props.get("DeadLetterConfig") instanceof Map<?, ?> dlq)) {
                    continue;
                }
                targets++;
                String queueArn = String.valueOf(intrinsics.resolve(dlq.get("Arn")));
                String rule = ruleArn(functionId, event.getKey(), props, intrinsics);
                if (statements.stream().noneMatch(s -> admits((Map<?, ?>) s, queueArn, rule))) {
                    refused.add(functionId + "." + event.getKey() + " (" + rule + ") -> " + queueArn);
                }
            }
        }
        assertTrue(targets >= 6, "the template's rule and schedule targets with a DLQ were found: " + targets);
        assertTrue(refused.isEmpty(), "no queue policy lets EventBridge put these rules' failures in their DLQ, "
                + "so they would be dropped: " + refused);
    }

    @Test
    void theCheckRefusesARuleThePolicyDoesNotName() {
        Map<String, Object> statement = Map.of("Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                "Action", "sqs:SendMessage", "Resource", List.of("q1"),
                "Condition", Map.of("ArnLike", Map.of("aws:SourceArn", List.of("arn:aws:events:r:a:rule/pulse-bus/*"))));
        assertTrue(admits(statement, "q1", "arn:aws:events:r:a:rule/pulse-bus/pulse-ScoreFunctionActions-X"));
        assertFalse(admits(statement, "q1", "arn:aws:events:r:a:rule/pulse-monthly-tier-review"));
        assertFalse(admits(statement, "q2", "arn:aws:events:r:a:rule/pulse-bus/x"));
    }

    /** Does this statement let EventBridge, for this rule, send to this queue? (ArnLike/ArnEquals on aws:SourceArn.) */
    static boolean admits(Map<?, ?> statement, String queueArn, String ruleArn) {
        if (!"Allow".equals(statement.get("Effect")) || !(statement.get("Principal") instanceof Map<?, ?> principal)
                || !Template.asList(principal.get("Service")).contains("events.amazonaws.com")) {
            return false;
        }
        List<Object> actions = Template.asList(statement.get("Action"));
        if (!actions.contains("sqs:SendMessage") && !actions.contains("sqs:*")) {
            return false;
        }
        if (!Template.asList(statement.get("Resource")).contains(queueArn)) {
            return false;
        }
        if (!(statement.get("Condition") instanceof Map<?, ?> condition)) {
            return true;
        }
        for (var operator : condition.entrySet()) {
            Map<?, ?> keys = (Map<?, ?>) operator.getValue();
            for (var key : keys.entrySet()) {
                if (!"aws:SourceArn".equals(key.getKey())) {
                    continue;
                }
                String op = String.valueOf(operator.getKey());
                boolean like = op.equals("ArnLike") || op.equals("StringLike");
                boolean any = Template.asList(key.getValue()).stream()
                        .anyMatch(p -> like ? glob(String.valueOf(p)).matcher(ruleArn).matches() : ruleArn.equals(p));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private Intrinsics intrinsics() {
        Map<String, Object> refs = new HashMap<>();
        template.resources().keySet().forEach(id -> refs.put(id, id));
        template.cfn.parameters().forEach((name, p) -> refs.put(name, p.get("Default")));
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::Region", REGION);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::StackName", STACK);
        refs.put("AWS::URLSuffix", "amazonaws.com");
        Map<String, Object> conditions = new HashMap<>();
        Object section = template.cfn.root().get("Conditions");
        if (section instanceof Map<?, ?> map) {
            map.forEach((k, v) -> conditions.put(String.valueOf(k), v));
        }
        // EventBus's Ref is its name, as CloudFormation gives it
        refs.put("EventBus", STACK + "-bus");
        return new Intrinsics(refs, conditions, REGION, ACCOUNT);
    }
}
