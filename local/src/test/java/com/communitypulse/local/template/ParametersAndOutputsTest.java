package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every parameter is used and described, every reference resolves, and the outputs ops need exist. */
class ParametersAndOutputsTest {
    private final Template template = Template.get();

    /** Where a name is referenced, outside the Parameters section itself. */
    private Map<String, List<String>> references() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String section : List.of("Conditions", "Globals", "Resources", "Outputs")) {
            Template.references(template.cfn.root().get(section), section,
                    (name, path) -> found.computeIfAbsent(name, n -> new ArrayList<>()).add(path));
        }
        return found;
    }

    @Test
    void everyParameterIsUsedAndDescribed() {
        Set<String> referenced = references().keySet();
        template.cfn.parameters().forEach((name, definition) -> {
            assertTrue(referenced.contains(name), "parameter " + name + " is never used (Ref or ${" + name + "})");
            assertTrue(definition.get("Description") instanceof String d && !d.isBlank(), "parameter " + name + " has no Description");
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        references().forEach((name, paths) -> {
            boolean known = template.cfn.parameters().containsKey(name) || template.resources().containsKey(name)
                    || Template.PSEUDO_PARAMETERS.contains(name) || Template.SAM_GENERATED.contains(name);
            if (!known) {
                dangling.add(name + " at " + paths);
            }
        });
        assertTrue(dangling.isEmpty(), "references to nothing: " + dangling);
    }

    @Test
    void theConsoleGroupsListEveryParameterOnce() {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) template.cfn.root().getOrDefault("Metadata", Map.of());
        List<Object> grouped = new ArrayList<>();
        Template.findAll(metadata, "Parameters").forEach(list -> grouped.addAll(Template.asList(list)));
        assertEquals(new TreeSet<>(template.cfn.parameters().keySet()), new TreeSet<>(grouped.stream().map(String::valueOf).toList()),
                "Metadata AWS::CloudFormation::Interface ParameterGroups should list every parameter");
        assertEquals(grouped.size(), new TreeSet<>(grouped.stream().map(String::valueOf).toList()).size(),
                "a parameter is listed in two ParameterGroups");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> outputs() {
        return (Map<String, Map<String, Object>>) template.cfn.root().getOrDefault("Outputs", Map.of());
    }

    @Test
    void theOutputsOpsNeedExistAndAreDescribed() {
        for (String name : List.of("GitHubWebhookUrl", "DiscourseWebhookUrl", "DiscordInteractionsUrl", "SlackEventsUrl",
                "CommunityWebhookUrl", "ReadApiUrl", "ReadApiKeyId", "EventBusName", "EventBusArn", "TableName",
                "AlarmTopicArn")) {
            assertNotNull(outputs().get(name), "output " + name + " is missing");
        }
        outputs().forEach((name, output) -> assertTrue(output.get("Description") instanceof String d && !d.isBlank(),
                "output " + name + " has no Description"));
    }

    @Test
    void eachPlatformHasItsWebhookUrl() {
        Map<String, String> expected = Map.of("GitHubWebhookUrl", "github", "DiscourseWebhookUrl", "discourse",
                "DiscordInteractionsUrl", "discord", "SlackEventsUrl", "slack", "CommunityWebhookUrl", "community");
        expected.forEach((output, platform) -> {
            String value = Template.json(outputs().get(output).get("Value"));
            assertTrue(value.contains("${PulseApi}.execute-api.") && value.endsWith("/${Stage}/webhooks/" + platform + "\"}"),
                    output + " should be https://${PulseApi}.execute-api...${Stage}/webhooks/" + platform + ", is " + value);
        });
    }

    @Test
    void everyDeadLetterQueueUrlIsAnOutput() {
        template.ofType(Template.QUEUE).keySet().forEach(queue -> assertTrue(
                outputs().values().stream().anyMatch(o -> Template.isRef(o.get("Value"), queue)),
                queue + ": no output gives its URL (Value: !Ref " + queue + ")"));
    }
}
