package com.communitypulse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.testkit.runner.PackagedRunner;
import com.communitypulse.testkit.runner.PackagedRunnerExtension;
import com.communitypulse.local.packaged.ReadmeBlocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code java -jar community-pulse-local.jar --demo} as a user starts it, read back over HTTP. Every
 * expected figure is worked out by hand from the demo's story (GitHubStory, ChatStory) and the
 * default weights of {@code shared/src/main/resources/scoring/scoring-config.json}: every
 * action 0.1, {@code pr_merged} +0.5, {@code issue_opened} +0.2, a comment or reply over 500
 * characters +0.3, {@code identity_linked} 0, bots 0.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DemoCommunityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PackagedRunnerExtension RUNNER = PackagedRunnerExtension.withArgs("--demo");
    static PackagedRunner runner;
    static String summary;

    @BeforeAll
    static void startWithDemo() throws Exception {
        runner = RUNNER.runner();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while ((summary = summaryLine()) == null && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(summary != null, "no demo summary in the log:\n" + runner.logTail(30));
        System.out.println("DemoCommunityIT: " + summary);
    }

    private static String summaryLine() {
        return runner.log().lines().filter(l -> l.startsWith("demo: ")).findFirst().orElse(null);
    }

    @Test
    void everyDeliveryIsAnswered2xxAndNothingIsDeadLettered() throws Exception {
        // 65 GitHub, 11 forum posts + the accepted answer, 12 messages, 5 kudos + 1 link; Discord's 6 are answered 200
        assertTrue(summary.startsWith("demo: 95 deliveries (GitHub 65, Discourse 12, Slack 12, Discord 6; 89 new, "
                + "0 duplicates) -> 12 contributors, 0 dead letters"), summary);
        assertFalse(runner.log().contains("demo: refused"), runner.logTail(20));
        assertEquals("[]", runner.get("/_local/dead-letters").body());
    }

    @Test
    void weekBoardTopFiveAreThisWeeksFiguresByHand() throws Exception {
        // ada: review 0.1 + long comment 0.4 + PR #26 0.1 + its merge 0.6; mira: issue 0.3 + PR 0.1 + merge 0.6;
        // sam: long reply 0.4 + reply 0.1 + accepted answer 0.1; olga: 3 messages; priya: PR 0.1 + comment 0.1
        JsonNode items = json(runner.get("/leaderboard?period=week&limit=5").body()).path("items");
        List<String> board = new ArrayList<>();
        items.forEach(i -> board.add(i.path("login").asText() + " " + i.path("score").decimalValue().stripTrailingZeros()
                .toPlainString()));
        assertEquals(List.of("ada 1.2", "mira 1", "sam 0.6", "olga 0.3", "priya 0.2"), board);
    }

    @Test
    void theBotIsRecordedButOnNoBoard() throws Exception {
        for (String period : List.of("week", "month", "all")) {
            String board = runner.get("/leaderboard?period=" + period + "&limit=100").body();
            assertFalse(board.contains("[bot]") || board.contains("49699333"), period + ": " + board);
        }
        JsonNode bot = json(runner.get("/contributors/github:49699333").body());
        assertEquals("bot", bot.path("kind").asText());
        assertEquals(0.0, bot.path("score").asDouble());
        // all time: ada 0.4 (week -5) + 0.8 + 0.7 + 0.5 + 1.1 (week -1) + 1.2 (this week) = 4.7
        JsonNode all = json(runner.get("/leaderboard?period=all&limit=100").body()).path("items");
        assertEquals(12, all.size());
        assertEquals("ada", all.get(0).path("login").asText());
        assertEquals(4.7, all.get(0).path("score").asDouble(), 1e-9);
    }

    @Test
    void discordIdentityIsLinkedToTheGitHubPerson() throws Exception {
        JsonNode person = json(runner.get("/contributors/discord:400000000000000004").body());
        assertEquals("github:81000004", person.path("id").asText());
        assertEquals("[\"discord:400000000000000004\",\"github:81000004\"]", person.path("identities").toString());
        // tomas: PRs #7 0.1 + merge 0.6, #13 0.1 + closed 0.1, comment 0.1; tomas_dc: 2 kudos 0.2
        assertEquals(1.2, person.path("score").asDouble(), 1e-9);
    }

    @Test
    void busFactorFlagsTheQuietCoreMaintainer() throws Exception {
        // 90 days of pulse-demo/widgets: ada 20, grace 14, mira 12, tomas 5, kenji 2, priya 2, noor 1 = 56;
        // ada + grace = 34 >= 28, so the factor is 2; grace's last contribution was week -3's Saturday
        JsonNode repo = json(runner.get("/bus-factor?repo=pulse-demo/widgets").body());
        assertEquals(2, repo.path("factor").asInt());
        assertEquals(56, repo.path("contributions").asInt());
        assertEquals(7, repo.path("contributors").asInt());
        assertEquals("[\"github:81000001\"]", repo.path("quiet_core").toString());
        assertEquals("ada", repo.path("core").get(0).path("login").asText());
        assertEquals(20, repo.path("core").get(0).path("contributions").asInt());
        assertEquals(14, repo.path("core").get(1).path("contributions").asInt());
        assertTrue(repo.path("core").get(1).path("days_quiet").asInt() >= 15, repo.toString());
    }

    @Test
    void lastWeeksDigestCarriesTheHeadlineFigures() throws Exception {
        assertEquals(200, runner.post("/_local/run/DigestFunction", "{\"force\":true}").statusCode());
        String eml = newestEmail();
        // active: ada kenji mira noor tomas bea elena sam olga rui; new: kenji, noor; merged #17 #19 #20 (not the
        // bot's #16), closed unmerged #13: 3 of 4; first responses 1h 2h 3h 4h 5h, median 3h; #21 never answered
        for (String line : List.of("Active contributors: 10", "New contributors: 2", "Pull requests merged: 3",
                "PR acceptance rate: 75%", "Median time to first response: 3h 0m", "Unanswered after 24h: 1")) {
            assertTrue(eml.contains(line + "\n") || eml.contains(line + "\r\n"), line + " missing from\n" + eml);
        }
        assertTrue(eml.contains("https://github.com/pulse-demo/widgets/issues/21"), "noor's issue is response debt");
        // the digest's 90 days end on Sunday: this week's 10 contributions (ada 4) are not in it
        assertTrue(eml.contains("pulse-demo/widgets: bus factor 2 of 6 people (46 contributions); core: ada 16, grace 14"
                + "  FLAG: grace (core) quiet 15 days"), eml);
    }

    @Test
    void aSecondFillAddsNothing() throws Exception {
        String before = runner.get("/leaderboard?period=all&limit=100").body();
        String week = runner.get("/leaderboard?period=week&limit=100").body();
        JsonNode again = json(runner.post("/_local/demo", "").body());
        assertEquals(95, again.path("duplicates").asInt(), again.toString());
        assertEquals(0, again.path("accepted").asInt());
        assertEquals(0, again.path("refused").size());
        assertEquals(0, again.path("dead_letters").asInt());
        Thread.sleep(5_500); // the API keeps a 200 for 5 s
        assertEquals(scores(before), scores(runner.get("/leaderboard?period=all&limit=100").body()));
        assertEquals(scores(week), scores(runner.get("/leaderboard?period=week&limit=100").body()));
    }

    @Test
    void readmeDemoBlocksRunAndPrintWhatTheReadmeShows() throws Exception {
        assertEquals("java -jar local/target/community-pulse-local.jar --demo\n", ReadmeBlocks.block("demo-start"));
        PackagedRunner.Shell shell = runner.sh(ReadmeBlocks.onPort(ReadmeBlocks.block("demo-reads"), runner.port()));
        assertEquals(0, shell.status(), shell.output());
        Matcher shown = Pattern.compile("<!-- run: demo-reads -->\\s*```bash\\n.*?```\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(ReadmeBlocks.readme());
        assertTrue(shown.find(), "README shows no output after the demo-reads block");
        assertEquals(stable(shown.group(1)), stable(shell.output().replace("}{", "}\n{")));
    }

    /**
     * The README's admin example, last (it unlinks and links back tomas_dc, which the tests above read): the export's
     * first person, the unlink's answer, tomas_dc alone, the link's answer; then the link is back as it was.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void readmeAdminBlockUnlinksAndLinksBackAndPrintsWhatTheReadmeShows() throws Exception {
        Thread.sleep(5_500); // the API keeps a 200 for 5 s: the block's read must see the unlink
        PackagedRunner.Shell shell = runner.sh(ReadmeBlocks.onPort(ReadmeBlocks.block("demo-admin"), runner.port()));
        assertEquals(0, shell.status(), shell.output());
        Matcher shown = Pattern.compile("<!-- run: demo-admin -->\\s*```bash\\n.*?```\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(ReadmeBlocks.readme());
        assertTrue(shown.find(), "README shows no output after the demo-admin block");
        assertEquals(stable(shown.group(1)), stable(shell.output().replace("}{", "}\n{")));
        runner.awaitIdle();
        Thread.sleep(5_500);
        discordIdentityIsLinkedToTheGitHubPerson();
    }

    /** Dates, days-quiet counts (which move with the weekday) and the board's cursor (which names the week) move with the clock; the rest does not. */
    private static String stable(String output) {
        return output.strip().replaceAll("\"next\":\"[^\"]+\"", "\"next\":\"<cursor>\"").replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", "\"<time>\"")
                .replaceAll("\\d{4}-W\\d\\d", "<week>").replaceAll("\"days_quiet\":\\d+", "\"days_quiet\":<n>")
                .replaceAll("\"action_id\":\"[0-9a-f]{64}\"", "\"action_id\":\"<id>\"");
    }

    private static List<String> scores(String board) throws Exception {
        List<String> scores = new ArrayList<>();
        json(board).path("items").forEach(i -> scores.add(i.path("id").asText() + "=" + i.path("score").asText()));
        return scores;
    }

    private static String newestEmail() throws Exception {
        try (Stream<Path> files = Files.list(runner.outbox())) {
            Path eml = files.filter(f -> f.toString().endsWith(".eml"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified())).orElseThrow();
            return Files.readString(eml, StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
