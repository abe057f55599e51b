package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alarms: every queue, every function and the webhook's 5xx rate, all routed to the topic. */
class AlarmsTest {
    private final Template template = Template.get();

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        assertEquals("AWS::SNS::Topic", template.resources().get("AlarmTopic").get("Type"), "AlarmTopic should be an SNS topic");
        assertFalse(template.ofType(Template.ALARM).isEmpty(), "no alarms at all");
        template.ofType(Template.ALARM).forEach((id, alarm) -> {
            Map<String, Object> p = Template.props(alarm);
            List<Object> actions = Template.asList(p.get("AlarmActions"));
            assertFalse(actions.isEmpty(), id + ": AlarmActions is empty; nobody would hear of it");
            actions.forEach(a -> assertTrue(Template.isRef(a, "AlarmTopic"), id + ": AlarmActions should be [!Ref AlarmTopic], has " + a));
            Template.asList(p.get("OKActions")).forEach(a -> assertTrue(Template.isRef(a, "AlarmTopic"),
                    id + ": OKActions should be [!Ref AlarmTopic], has " + a));
            assertTrue(p.get("AlarmDescription") instanceof String d && !d.isBlank(),
                    id + ": say what the alarm means and what to do in AlarmDescription");
        });
    }

    private boolean hasAlarm(String namespace, String metric, String dimension, String resourceId) {
        return template.ofType(Template.ALARM).values().stream().map(Template::props).anyMatch(p ->
                namespace.equals(p.get("Namespace")) && metric.equals(p.get("MetricName"))
                        && Template.asList(p.get("Dimensions")).stream().anyMatch(d -> d instanceof Map<?, ?> m
                        && dimension.equals(m.get("Name")) && resourceId.equals(Template.target(m.get("Value")))));
    }

    @Test
    void everyDeadLetterQueueHasADepthAlarm() {
        template.ofType(Template.QUEUE).keySet().forEach(queue -> assertTrue(
                hasAlarm("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue),
                queue + ": no alarm on ApproximateNumberOfMessagesVisible (QueueName: !GetAtt " + queue + ".QueueName)"));
    }

    @Test
    void everyFunctionHasAnErrorsAlarm() {
        template.functions().keySet().forEach(id ->
                assertTrue(hasAlarm("AWS/Lambda", "Errors", "FunctionName", id), id + ": no Errors alarm (FunctionName: !Ref " + id + ")"));
    }

    /**
     * A throttle loses something only where the caller is waiting: API Gateway answers the platform or the
     * reader 429/5xx. An asynchronous invocation (EventBridge rules and schedules) that is throttled goes back
     * to Lambda's queue and is retried for up to 6 hours, and what still fails ends in the dead-letter queue,
     * which has its own alarm; a throttle alarm there ($0.10 a month each) would only say "busy".
     */
    @Test
    void functionsBehindApiGatewayHaveAThrottlesAlarmAsynchronousOnesDoNot() {
        template.functions().keySet().forEach(id -> {
            boolean synchronous = template.events(id).values().stream().anyMatch(e -> "Api".equals(e.get("Type")));
            assertEquals(synchronous, hasAlarm("AWS/Lambda", "Throttles", "FunctionName", id),
                    id + (synchronous ? ": behind API Gateway, needs a Throttles alarm" : ": invoked asynchronously, needs no Throttles alarm"));
        });
        assertTrue(hasAlarm("AWS/Lambda", "Throttles", "FunctionName", "WebhookFunction"), "the webhook is behind API Gateway");
    }

    @Test
    void theWebhook5xxRateIsWatchedWithPerMethodMetricsOn() {
        Map<String, Object> api = Template.props(template.resources().get("PulseApi"));
        List<Map<String, Object>> rateAlarms = template.ofType(Template.ALARM).values().stream().map(Template::props)
                .filter(p -> "AWS/ApiGateway".equals(p.get("Namespace")) && "5XXError".equals(p.get("MetricName")))
                .toList();
        assertEquals(1, rateAlarms.size(), "one API Gateway 5XXError alarm for the webhook route");
        Map<String, Object> alarm = rateAlarms.get(0);
        assertEquals("Average", alarm.get("Statistic"), "5XXError's Average is the 5xx rate");
        String dimensions = Template.json(alarm.get("Dimensions"));
        assertTrue(dimensions.contains(Template.json(api.get("Name"))),
                "the alarm's ApiName should be PulseApi's Name " + api.get("Name") + ", has " + dimensions);
        assertTrue(dimensions.contains("{\"Name\":\"Stage\",\"Value\":{\"Ref\":\"Stage\"}}"), "the alarm's Stage should be !Ref Stage");
        assertTrue(dimensions.contains("/webhooks/{platform}") && dimensions.contains("POST"),
                "the alarm should watch POST /webhooks/{platform}, has " + dimensions);
        assertTrue(Template.json(api.get("MethodSettings")).contains("\"MetricsEnabled\":true"),
                "PulseApi: per-method metrics (MetricsEnabled) are needed for a Resource/Method alarm");
    }
}
