package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.corpusPayload;
import static com.communitypulse.normalise.domain.TestDeliveries.github;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.communitypulse.normalise.domain.TestDeliveries.CorpusPayload;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.testkit.Repository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's taxonomy table is the code's: {@link Taxonomy#markdownTable()} rendered from the
 * rules the normaliser applies. Run with {@code -Dtaxonomy.update=true} to rewrite the README's
 * table after changing a rule.
 */
class TaxonomyReadmeTest {
    private static final String SECTION_START = "<!-- section:taxonomy -->";
    private static final String SECTION_END = "<!-- /section:taxonomy -->";

    @Test
    void theReadmeTableIsTheOneTheCodeRenders() throws IOException {
        Path readme = Repository.file("docs/taxonomy.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int section = text.indexOf(SECTION_START);
        int sectionEnd = text.indexOf(SECTION_END);
        assertTrue(section >= 0 && sectionEnd > section, "docs/taxonomy.md has no taxonomy section");
        int start = text.indexOf(Taxonomy.TABLE_START, section);
        int end = text.indexOf(Taxonomy.TABLE_END, section);
        String expected = Taxonomy.markdownTable();
        if (Boolean.getBoolean("taxonomy.update") && start > 0 && end > start && end < sectionEnd) {
            text = text.substring(0, start + Taxonomy.TABLE_START.length()) + "\n" + expected + text.substring(end);
            Files.writeString(readme, text, StandardCharsets.UTF_8);
            return;
        }
        if (start < 0 || end < start || end > sectionEnd) {
            fail("docs/taxonomy.md's taxonomy section has no table markers; put this there:\n"
                    + Taxonomy.TABLE_START + "\n" + expected + Taxonomy.TABLE_END);
        }
        String actual = text.substring(start + Taxonomy.TABLE_START.length(), end).strip() + "\n";
        if (!expected.equals(actual)) {
            fail("docs/taxonomy.md's taxonomy table differs from the code (Taxonomy.java). Expected table:\n\n" + expected
                    + "\n(or run: mvn -pl functions/normalise test -Dtest=TaxonomyReadmeTest -Dtaxonomy.update=true)");
        }
    }

    @Test
    void everyRuleIsExercisedAndEveryKeyHasItsDocumentedForm() {
        Normaliser normaliser = new Normaliser(NormaliserConfig.defaults());
        Map<String, Integer> uses = new HashMap<>();
        List<String> wrongKeys = new ArrayList<>();
        for (RawDelivery delivery : deliveries()) {
            Outcome outcome = normaliser.normalise(delivery);
            if (outcome.rule() == null) {
                continue;
            }
            uses.merge(name(outcome.rule()), 1, Integer::sum);
            if (outcome.actions().isEmpty()) {
                continue;
            }
            Pattern key = keyPattern(outcome.rule().idKey());
            for (Normalised action : outcome.actions()) {
                if (!key.matcher(action.key()).matches()) {
                    wrongKeys.add(action.key() + " (documented " + outcome.rule().idKey() + ")");
                }
                if (!Rule.TYPE_AS_SENT.equals(outcome.rule().type())) {
                    assertEquals(outcome.rule().type(), action.action().context().type());
                }
            }
        }
        assertEquals(List.of(), wrongKeys);
        List<String> unused = Taxonomy.rules(NormaliserConfig.defaults()).stream()
                .map(TaxonomyReadmeTest::name).filter(rule -> !uses.containsKey(rule)).toList();
        assertEquals(List.of(), unused, "rules no test delivery reaches");
    }

    @Test
    void everyActionTypeHasARule() {
        Set<String> types = new TreeSet<>();
        Taxonomy.rules(NormaliserConfig.defaults()).stream().filter(rule -> !rule.ignores())
                .forEach(rule -> types.add(rule.type()));
        assertTrue(types.containsAll(ActionTypes.ALL), "types without a rule: "
                + ActionTypes.ALL.stream().filter(type -> !types.contains(type)).toList());
    }

    @Test
    void keyPatternsFollowTheirTemplates() {
        assertTrue(keyPattern("`github:pr_merged:{repo}#{number}`").matcher("github:pr_merged:o/r#2").matches());
        assertTrue(!keyPattern("`github:pr_merged:{repo}#{number}`").matcher("github:pr_closed:o/r#2").matches());
        assertTrue(keyPattern("`a:{x}` (same as `b`: once)").matcher("a:1").matches());
        assertTrue(keyPattern("`a:id:{id}` when an `id` is sent, else `a:content:{json}`").matcher("a:content:{}").matches());
        assertTrue(!keyPattern("`a:id:{id}` when an `id` is sent, else `a:content:{json}`").matcher("id").matches());
    }

    /**
     * The documented key forms of a rule: every `code` span with a colon in its id-key cell, e.g.
     * {@code `github:comment:{comment id}`} -> {@code github:comment:.+}; a key must have one of them.
     */
    static Pattern keyPattern(String cell) {
        List<String> alternatives = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]+)`").matcher(cell);
        while (code.find()) {
            if (code.group(1).contains(":")) {
                alternatives.add(template(code.group(1)));
            }
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    private static String template(String form) {
        StringBuilder regex = new StringBuilder("(?:");
        Matcher placeholder = Pattern.compile("\\{[^}]+}").matcher(form);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(form.substring(at, placeholder.start()))).append(".+");
            at = placeholder.end();
        }
        return regex.append(Pattern.quote(form.substring(at))).append(")").toString();
    }

    /** Rules are rebuilt per normaliser: this names one (platform, events and condition are unique). */
    private static String name(Rule rule) {
        return rule.platform() + " " + rule.events() + " " + rule.when();
    }

    /** The corpus, every fixture, and the cases neither has. */
    private static List<RawDelivery> deliveries() {
        List<RawDelivery> deliveries = new ArrayList<>();
        for (CorpusPayload payload : TestDeliveries.corpus()) {
            deliveries.add(github(payload.event(), payload.payload()));
        }
        TestDeliveries.fixtures().forEach(fixture -> deliveries.add(TestDeliveries.fixture(fixture)));

        ObjectNode merged = corpusPayload("pull_request", 3);
        ((ObjectNode) merged.get("pull_request")).put("merged", true).put("merged_at", "2019-05-15T15:21:10Z");
        deliveries.add(github("pull_request", merged));
        ObjectNode closed = corpusPayload("issues", 15);
        closed.put("action", "closed");
        ((ObjectNode) closed.get("issue")).put("closed_at", "2019-05-16T08:00:00Z");
        deliveries.add(github("issues", closed));
        ObjectNode approved = corpusPayload("pull_request_review", 0);
        ((ObjectNode) approved.get("review")).put("state", "approved");
        deliveries.add(github("pull_request_review", approved));
        RawDelivery kudos = TestDeliveries.fixture("discord/command.kudos.json");
        deliveries.add(new RawDelivery("discord", "command.poll", "p", kudos.receivedAt(), null, kudos.payload(), null));
        RawDelivery custom = TestDeliveries.fixture("custom/action.with-id.json");
        deliveries.add(new RawDelivery("custom", "ping", "p", custom.receivedAt(), null, custom.payload(), null));
        return deliveries;
    }
}
