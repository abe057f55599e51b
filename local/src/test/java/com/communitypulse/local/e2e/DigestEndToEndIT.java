package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of signed GitHub deliveries replayed through the local runner, then the digest fired as
 * its schedule would: the headline figures of the email in the outbox match the week computed
 * here by hand (bots left out, the merge credited to the PR's author, closed-unmerged counted,
 * time to first response from the human reply, and an action after the week's end left out).
 */
class DigestEndToEndIT {
    @TempDir
    static Path outbox;
    static LocalSystem system;
    static final AtomicInteger DELIVERY = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        system = Deliveries.startSystem(outbox, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
    }

    /** Monday 00:00 UTC of the ISO week that ended most recently. */
    static Instant lastWeekStart() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static ObjectNode user(long id, String login, String type) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.put("login", login).put("id", id).put("type", type).put("site_admin", false);
        return user;
    }

    static String at(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode sample(String file) throws Exception {
        return (ObjectNode) Json.mapper().readTree(Deliveries.githubSample(file));
    }

    static ObjectNode issueOpened(int number, ObjectNode author, Instant when) throws Exception {
        ObjectNode body = sample("issues.opened.json");
        ObjectNode issue = (ObjectNode) body.get("issue");
        issue.put("id", 7_000_000L + number).put("number", number).put("created_at", at(when))
                .put("author_association", "NONE")
                .put("html_url", "https://github.com/Codertocat/Hello-World/issues/" + number);
        issue.set("user", author);
        body.set("sender", author);
        return body;
    }

    static ObjectNode pullRequest(String action, int number, ObjectNode author, Instant opened, Instant closed,
                                  boolean merged, ObjectNode sender) throws Exception {
        ObjectNode body = sample(closed == null ? "pull_request.opened.json" : "pull_request.merged.json");
        body.put("action", action).put("number", number);
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("id", 8_000_000L + number).put("number", number).put("created_at", at(opened))
                .put("author_association", "NONE")
                .put("html_url", "https://github.com/Codertocat/Hello-World/pull/" + number);
        pr.set("user", author);
        if (closed != null) {
            pr.put("state", "closed").put("closed_at", at(closed)).put("merged", merged);
            if (merged) {
                pr.put("merged_at", at(closed));
                pr.set("merged_by", sender);
            } else {
                pr.putNull("merged_at");
                pr.putNull("merged_by");
            }
        }
        body.set("sender", sender);
        return body;
    }

    static ObjectNode comment(long id, int number, ObjectNode threadAuthor, boolean onPullRequest, ObjectNode commenter,
                              Instant when) throws Exception {
        ObjectNode body = sample("issue_comment.created.json");
        ObjectNode issue = (ObjectNode) body.get("issue");
        issue.put("id", (onPullRequest ? 8_000_000L : 7_000_000L) + number).put("number", number);
        issue.set("user", threadAuthor);
        if (onPullRequest) {
            issue.putObject("pull_request").put("url", "https://api.github.com/repos/Codertocat/Hello-World/pulls/" + number);
        } else {
            issue.remove("pull_request");
        }
        ObjectNode c = (ObjectNode) body.get("comment");
        c.put("id", id).put("created_at", at(when)).put("body", "Thanks, looking into it").put("author_association", "NONE");
        c.set("user", commenter);
        body.set("sender", commenter);
        return body;
    }

    static void post(String event, ObjectNode body) throws Exception {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        HttpResponse<String> response = Deliveries.postGitHub(system.url(), event, "digest-e2e-" + DELIVERY.incrementAndGet(),
                bytes, Deliveries.githubSignature("dev-github-secret", bytes));
        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void theDigestOfAReplayedWeekShowsTheHandComputedFigures() throws Exception {
        Instant monday = lastWeekStart();
        ObjectNode alice = user(7001, "alice-new", "User");
        ObjectNode bob = user(7002, "bob", "User");
        ObjectNode carol = user(7003, "carol", "User");
        ObjectNode dave = user(7004, "dave", "User");
        ObjectNode mona = user(7005, "mona-maintainer", "User");
        ObjectNode bot = user(7099, "helper-bot[bot]", "Bot");
        ObjectNode erin = user(7006, "erin-later", "User");

        post("issues", issueOpened(501, alice, monday.plus(1, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS)));
        post("issue_comment", comment(9001, 501, alice, false, dave,
                monday.plus(1, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)));            // a human answers in 2h
        Instant bobOpened = monday.plus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        post("pull_request", pullRequest("opened", 601, bob, bobOpened, null, false, bob));
        post("issue_comment", comment(9002, 601, bob, true, bot, bobOpened.plus(30, ChronoUnit.MINUTES))); // a bot is no answer
        post("pull_request", pullRequest("closed", 601, bob, bobOpened,
                monday.plus(3, ChronoUnit.DAYS).plus(15, ChronoUnit.HOURS), true, mona));   // merged by mona, credited to bob
        Instant carolOpened = monday.plus(2, ChronoUnit.DAYS).plus(11, ChronoUnit.HOURS);
        post("pull_request", pullRequest("opened", 602, carol, carolOpened, null, false, carol));
        post("pull_request", pullRequest("closed", 602, carol, carolOpened,
                monday.plus(4, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS), false, mona));   // closed without merging
        post("issues", issueOpened(503, erin, Instant.now().minusSeconds(5)));               // this week: not in the digest
        assertTrue(system.awaitIdle(60_000));
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());

        HttpResponse<String> run = Deliveries.HTTP.send(HttpRequest.newBuilder(
                        URI.create(system.url() + "/_local/run/DigestFunction")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        assertEquals(1, system.sentEmails().size(), "one digest written to the outbox");
        String eml = Files.readString(system.sentEmails().get(0), StandardCharsets.UTF_8);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Active contributors", "4");          // alice, dave, bob, carol (not the bot, not mona, not erin)
        expected.put("New contributors", "4");             // each one's first action ever is in the week
        expected.put("Pull requests merged", "1");         // #601
        expected.put("PR acceptance rate", "50%");         // 1 merged / (1 merged + 1 closed unmerged)
        expected.put("Median time to first response", "2h 0m"); // #501 answered by dave after 2h; #601's bot reply does not count
        expected.put("Unanswered after 24h", "2");         // #601 and #602 never got a human reply
        for (Map.Entry<String, String> figure : expected.entrySet()) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(figure.getKey()) + ": (.*)$").matcher(eml);
            assertTrue(m.find(), "no line for " + figure.getKey() + " in\n" + eml.substring(0, Math.min(2000, eml.length())));
            assertEquals(figure.getValue(), m.group(1).trim(), figure.getKey());
        }
        assertTrue(eml.contains("alice-new"), "new contributors are named");

        // a second trigger for the same week sends nothing more
        Deliveries.HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/_local/run/DigestFunction"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(1, system.sentEmails().size(), "the same week is not sent twice");
    }
}
