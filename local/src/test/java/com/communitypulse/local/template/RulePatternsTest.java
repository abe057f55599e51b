package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.events.Sources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * Every rule pattern compiles in event-ruler (the matcher behind EventBridge), matches the
 * events its function is meant to consume, and never matches what its own function publishes
 * (which would loop on the bus).
 */
class RulePatternsTest {

    /** What each bus consumer is there for: one representative envelope each. */
    private static final Map<String, List<String>> CONSUMES = Map.of(
            "NormaliseFunction", List.of(
                    envelope(Sources.WEBHOOK, "github.pull_request", "{\"delivery_id\":\"d-1\",\"platform\":\"github\"}"),
                    envelope(Sources.WEBHOOK, "discourse.post", "{\"delivery_id\":\"d-2\",\"platform\":\"discourse\"}")),
            "ScoreFunction", List.of(
                    envelope(Sources.NORMALISE, Sources.ACTION, "{\"event\":\"community.action\",\"id\":\"a-1\"}")),
            "WelcomeFunction", List.of(
                    envelope(Sources.SCORE, Sources.FIRST_CONTRIBUTION, "{\"actor\":\"github:583231\"}"),
                    // milestones: a first merge, a first accepted answer
                    envelope(Sources.NORMALISE, Sources.ACTION, "{\"actor\":\"github:583231\",\"context\":{\"type\":\"pr_merged\"}}"),
                    envelope(Sources.NORMALISE, Sources.ACTION, "{\"actor\":\"discourse:f:42\",\"context\":{\"type\":\"answer_accepted\"}}"),
                    // triage by scope: a live pull request opened on GitHub
                    envelope(Sources.NORMALISE, Sources.ACTION, "{\"actor\":\"github:583231\",\"actor_kind\":\"user\","
                            + "\"context\":{\"platform\":\"github\",\"type\":\"pr_opened\"}}")),
            "BackfillFunction", List.of(
                    envelope(Sources.BACKFILL, Sources.BACKFILL_REQUESTED, "{\"platform\":\"github\",\"repository\":\"o/r\"}"),
                    envelope(Sources.BACKFILL, Sources.BACKFILL_CONTINUE, "{\"platform\":\"github\",\"repository\":\"o/r\",\"step\":2}")));

    /** What each function puts on the bus. */
    private static final Map<String, List<String>> PUBLISHES = Map.of(
            "WebhookFunction", List.of(envelope(Sources.WEBHOOK, "github.pull_request", "{}")),
            "NormaliseFunction", List.of(envelope(Sources.NORMALISE, Sources.ACTION, "{}")),
            "ScoreFunction", List.of(
                    envelope(Sources.SCORE, Sources.FIRST_CONTRIBUTION, "{}"),
                    envelope(Sources.SCORE, Sources.TIER_CHANGED, "{}"),
                    envelope(Sources.SCORE, Sources.HIGH_IMPACT, "{}")),
            // and backfill.continue to itself, on purpose: see theBackfillAloneTakesItsStepsAndHistoryIsNormalisedNotCelebrated
            "BackfillFunction", List.of(envelope(Sources.WEBHOOK, "github.issues", "{\"origin\":\"backfill\"}")));

    record Rule(String functionId, String eventName, String pattern) {
        String name() {
            return functionId + "." + eventName;
        }
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        Template template = Template.get();
        template.functions().keySet().forEach(id -> template.events(id).forEach((name, event) -> {
            if ("EventBridgeRule".equals(event.get("Type"))) {
                rules.add(new Rule(id, name, Template.json(Template.eventProps(event).get("Pattern"))));
            }
        }));
        return rules;
    }

    @Test
    void thereAreRulesToCheck() {
        assertEquals(CONSUMES.keySet(), rules().stream().map(Rule::functionId).collect(java.util.stream.Collectors.toSet()),
                "the bus consumers changed: give each new consumer a representative event in CONSUMES");
    }

    @Test
    void everyPatternCompilesInEventRuler() {
        for (Rule rule : rules()) {
            assertNull(RuleCompiler.check(rule.pattern()), rule.name() + ": Pattern is not a valid EventBridge pattern: "
                    + rule.pattern() + " -> " + RuleCompiler.check(rule.pattern()));
        }
    }

    @Test
    void everyEventAFunctionConsumesMatchesExactlyOneOfItsRules() throws Exception {
        for (var consumer : CONSUMES.entrySet()) {
            List<Rule> own = rules().stream().filter(r -> r.functionId().equals(consumer.getKey())).toList();
            for (String event : consumer.getValue()) {
                List<String> matched = new ArrayList<>();
                for (Rule rule : own) {
                    matched.addAll(machine(rule).rulesForJSONEvent(event));
                }
                assertEquals(1, matched.size(), consumer.getKey() + ": " + event + " should match one of its rules "
                        + own.stream().map(Rule::pattern).toList() + ", matched " + matched);
            }
        }
    }

    @Test
    void theWelcomeMilestonesRuleTakesOnlyMergesAndAcceptedAnswers() throws Exception {
        Rule milestones = rules().stream().filter(r -> r.name().equals("WelcomeFunction.Milestones")).findFirst().orElseThrow();
        Machine machine = machine(milestones);
        for (String type : List.of("pr_opened", "pr_closed", "comment", "answer_given")) {
            assertTrue(machine.rulesForJSONEvent(envelope(Sources.NORMALISE, Sources.ACTION,
                    "{\"context\":{\"type\":\"" + type + "\"}}")).isEmpty(), milestones.name() + " should not fire on " + type);
        }
        assertTrue(machine.rulesForJSONEvent(envelope(Sources.WEBHOOK, Sources.ACTION,
                "{\"context\":{\"type\":\"pr_merged\"}}")).isEmpty(), "only the normaliser's actions");
    }

    @Test
    void theTriageRuleTakesLiveOpenedIssuesAndPullRequestsOfPeopleOnGitHubOnly() throws Exception {
        Rule triage = rules().stream().filter(r -> r.name().equals("WelcomeFunction.Triage")).findFirst().orElseThrow();
        Machine machine = machine(triage);
        for (String type : List.of("pr_opened", "issue_opened")) {
            assertFalse(machine.rulesForJSONEvent(action("user", "github", type, null)).isEmpty(), "a live " + type);
        }
        assertTrue(machine.rulesForJSONEvent(action("user", "github", "pr_opened", "backfill")).isEmpty(), "history");
        assertTrue(machine.rulesForJSONEvent(action("user", "github", "comment", null)).isEmpty(), "a comment");
        assertTrue(machine.rulesForJSONEvent(action("user", "github", "pr_merged", null)).isEmpty(), "a merge");
        assertTrue(machine.rulesForJSONEvent(action("bot", "github", "pr_opened", null)).isEmpty(), "a bot's PR");
        assertTrue(machine.rulesForJSONEvent(action("user", "discourse", "issue_opened", null)).isEmpty(), "not GitHub");
        assertTrue(machine.rulesForJSONEvent(envelope(Sources.WEBHOOK, Sources.ACTION,
                "{\"actor_kind\":\"user\",\"context\":{\"platform\":\"github\",\"type\":\"pr_opened\"}}")).isEmpty(),
                "only the normaliser's actions");
    }

    private static String action(String actorKind, String platform, String type, String origin) {
        return envelope(Sources.NORMALISE, Sources.ACTION, "{\"actor\":\"github:583231\",\"actor_kind\":\"" + actorKind
                + "\",\"context\":{\"platform\":\"" + platform + "\",\"type\":\"" + type + "\""
                + (origin == null ? "" : ",\"origin\":\"" + origin + "\"") + "}}");
    }

    @Test
    void theBackfillAloneTakesItsStepsAndHistoryIsNormalisedNotCelebrated() throws Exception {
        String step = envelope(Sources.BACKFILL, Sources.BACKFILL_CONTINUE, "{\"repository\":\"o/r\",\"step\":2}");
        String history = envelope(Sources.WEBHOOK, "github.pull_request", "{\"platform\":\"github\",\"origin\":\"backfill\"}");
        String mergedFromHistory = envelope(Sources.NORMALISE, Sources.ACTION,
                "{\"context\":{\"type\":\"pr_merged\",\"origin\":\"backfill\"}}");
        for (Rule rule : rules()) {
            Machine machine = machine(rule);
            // its own next step, refused unless its step is the state's (BackfillStore.claim): a chain, not a loop
            assertEquals(rule.functionId().equals("BackfillFunction"), !machine.rulesForJSONEvent(step).isEmpty(), rule.name());
            assertEquals(rule.functionId().equals("NormaliseFunction"), !machine.rulesForJSONEvent(history).isEmpty(), rule.name());
            assertTrue(machine.rulesForJSONEvent(mergedFromHistory).isEmpty() || rule.functionId().equals("ScoreFunction"),
                    rule.name() + " should leave history's merges to the scorer (never celebrated)");
        }
    }

    @Test
    void noRuleMatchesWhatItsOwnFunctionPublishes() throws Exception {
        for (Rule rule : rules()) {
            Machine machine = machine(rule);
            for (String event : PUBLISHES.getOrDefault(rule.functionId(), List.of())) {
                assertTrue(machine.rulesForJSONEvent(event).isEmpty(),
                        rule.name() + ": Pattern " + rule.pattern() + " matches the function's own output " + event
                                + " (an endless loop on the bus)");
            }
        }
    }

    @Test
    void theWelcomeRuleIgnoresOtherContributorEvents() throws Exception {
        Rule welcome = rules().stream().filter(r -> r.functionId().equals("WelcomeFunction")).findFirst().orElseThrow();
        Machine machine = machine(welcome);
        for (String other : List.of(Sources.TIER_CHANGED, Sources.HIGH_IMPACT)) {
            assertFalse(machine.rulesForJSONEvent(envelope(Sources.SCORE, other, "{}")).contains(welcome.name()),
                    welcome.name() + " should only fire on " + Sources.FIRST_CONTRIBUTION + ", not " + other);
        }
    }

    private static Machine machine(Rule rule) throws Exception {
        Machine machine = new Machine();
        machine.addRule(rule.name(), rule.pattern());
        return machine;
    }

    private static String envelope(String source, String detailType, String detail) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", "0");
        envelope.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", "111122223333");
        envelope.put("time", "2026-11-20T10:00:00Z");
        envelope.put("region", "eu-west-1");
        envelope.put("resources", List.of());
        String head = Template.json(envelope);
        return head.substring(0, head.length() - 1) + ",\"detail\":" + detail + "}";
    }
}
