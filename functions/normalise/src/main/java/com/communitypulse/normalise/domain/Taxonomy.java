package com.communitypulse.normalise.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The taxonomy: every platform's rules in the order they are tried (first match wins; each
 * platform ends with a catch-all that ignores). The taxonomy table of docs/taxonomy.md is
 * {@link #markdownTable()} of these rows, and a test fails when the two differ.
 */
final class Taxonomy {
    /** The table of docs/taxonomy.md sits between these markers, inside the {@code taxonomy} section. */
    static final String TABLE_START = "<!-- taxonomy:table (generated from Taxonomy.java; TaxonomyReadmeTest checks it) -->";
    static final String TABLE_END = "<!-- /taxonomy:table -->";

    private Taxonomy() {
    }

    static List<Rule> rules(NormaliserConfig config) {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(GitHubRules.rules());
        rules.addAll(DiscourseRules.rules());
        rules.addAll(DiscordRules.rules());
        rules.addAll(SlackRules.rules());
        rules.addAll(CustomRules.rules(config));
        return List.copyOf(rules);
    }

    /** The documented table: platform event and condition -> type, who is credited, which time, the id's key. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder()
                .append("| Platform | Event | When | Type | Credited | Timestamp | Id key |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Rule rule : rules(NormaliserConfig.defaults())) {
            String events = String.join(", ", rule.events().stream()
                    .map(event -> Rule.ANY_EVENT.equals(event) ? "*any*" : "`" + event + "`").toList());
            table.append("| ").append(rule.platform())
                    .append(" | ").append(events)
                    .append(" | ").append(cell(rule.when()))
                    .append(" | ").append(rule.ignores() ? "*ignored*"
                            : Rule.TYPE_AS_SENT.equals(rule.type()) ? "`context.type` as sent" : "`" + rule.type() + "`")
                    .append(" | ").append(cell(rule.credited()))
                    .append(" | ").append(cell(rule.timestamp()))
                    .append(" | ").append(cell(rule.idKey()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
