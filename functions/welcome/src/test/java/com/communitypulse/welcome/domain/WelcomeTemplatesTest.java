package com.communitypulse.welcome.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WelcomeTemplatesTest {
    private final WelcomeTemplates templates = WelcomeTemplates.parse("""
            {"github": {"default": "Hello {login}", "octo-org/hello-world": "Hi {login} in {repo}"},
             "slack": {"C1": "Hey {mention}"}}""");

    @Test
    void theRepositoryTemplateWinsThenThePlatformDefaultThenTheBuiltIn() {
        assertEquals("Hi {login} in {repo}", templates.template("github", "octo-org/hello-world"));
        assertEquals("Hello {login}", templates.template("github", "octo-org/other"));
        assertEquals("Hey {mention}", templates.template("slack", "C1"));
        assertEquals(WelcomeTemplates.BUILT_IN.get("slack"), templates.template("slack", "C2"));
        assertEquals(WelcomeTemplates.BUILT_IN.get("discourse"), templates.template("discourse", "support"));
    }

    @Test
    void milestoneTextsHaveTheirOwnKeysRepositoryThenPlatformThenDefaultThenBuiltIn() {
        WelcomeTemplates milestones = WelcomeTemplates.parse("""
                {"first_merge": {"default": "Merged, {login}!", "github": "GitHub merge, {login}", "octo-org/hello-world": "Hello-world merge"},
                 "github": {"default": "a welcome"}}""");
        assertEquals("Hello-world merge", milestones.milestone("first_merge", "github", "octo-org/hello-world"));
        assertEquals("GitHub merge, {login}", milestones.milestone("first_merge", "github", "octo-org/other"));
        assertEquals("Merged, {login}!", milestones.milestone("first_merge", "custom", "x"));
        assertEquals(WelcomeTemplates.BUILT_IN_MILESTONES.get("first_answer"), milestones.milestone("first_answer", "discourse", "support"));
        assertEquals("a welcome", milestones.template("github", "octo-org/hello-world"), "welcomes keep their own texts");
    }

    @Test
    void placeholdersAreFilledAndUnknownBracesKept() {
        String text = WelcomeTemplates.render("{mention}: welcome {login} to {repo}, see {contributing_url} {other}",
                Map.of("mention", "<@U1>", "login", "ana", "repo", "o/r", "contributing_url", "https://c"),
                UnaryOperator.identity());
        assertEquals("<@U1>: welcome ana to o/r, see https://c {other}", text);
    }

    @Test
    void aLineWhoseLinkIsUnsetIsLeftOut() {
        String text = WelcomeTemplates.render("Welcome {login}!\n\nGuide: {contributing_url}\nCommunity: {community_url}",
                Map.of("login", "ana", "contributing_url", "https://c", "community_url", ""), UnaryOperator.identity());
        assertEquals("Welcome ana!\n\nGuide: https://c", text);
    }

    @Test
    void userValuesAreEscapedButLinksAndMentionsAreNot() {
        String text = WelcomeTemplates.render("{mention} {login} {community_url}",
                Map.of("mention", "<@U1>", "login", "<!channel>&", "community_url", "https://x?a=1&b=2"),
                v -> v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        assertEquals("<@U1> &lt;!channel&gt;&amp; https://x?a=1&b=2", text);
    }

    @Test
    void replacementCharactersInValuesAreTakenLiterally() {
        assertEquals("Hi $1\\x", WelcomeTemplates.render("Hi {login}", Map.of("login", "$1\\x"), UnaryOperator.identity()));
    }

    @Test
    void builtInGitHubTextReadsWell() {
        String text = WelcomeTemplates.render(WelcomeTemplates.BUILT_IN.get("github"),
                Map.of("login", "octocat", "repo", "o/r", "contributing_url", "https://github.com/o/r/contribute"),
                UnaryOperator.identity());
        assertTrue(text.startsWith("Welcome @octocat, and thank you for your first contribution to o/r! :tada:"), text);
        assertTrue(text.contains("https://github.com/o/r/contribute"));
        assertTrue(!text.contains("{") && !text.contains("community:"), text);
    }
}
