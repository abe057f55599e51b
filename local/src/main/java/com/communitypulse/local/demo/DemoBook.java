package com.communitypulse.local.demo;

import com.communitypulse.local.demo.DemoCast.GitHubUser;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Collects the demo's deliveries as the stories write them: GitHub's in terms of issues and pull
 * requests (it remembers each thread, so a merge carries the PR as it was opened), the others as
 * bodies. Texts come from a fixed seed, so the bytes are the same on every run.
 */
final class DemoBook {
    static final long SEED = 15L;
    private static final String[] SENTENCES = {
        "I tried this against the staging build and it behaves as described.",
        "The widget renders twice when the container resizes, which explains the flicker.",
        "We could cache the layout per breakpoint instead of recomputing it on every frame.",
        "A test that pins the resize order would keep this from coming back.",
        "The docs still mention the old option name, so people keep setting the wrong one.",
        "Thanks for the careful write-up, it made the cause easy to find.",
        "I would keep the public API as it is and change only the internals here.",
        "Benchmarks on a mid-range phone show the scroll staying at 60 frames per second.",
    };

    private record Thread(String title, GitHubUser author, Instant opened, boolean pullRequest) {
    }

    private final List<DemoDelivery> deliveries = new ArrayList<>();
    private final Map<Integer, Thread> threads = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(SEED);
    private long nextCommentId = 1_500_000_001L;
    private long nextReviewId = 1_700_000_001L;
    private int sequence;

    /** The deliveries in time order (definition order among equal times). */
    List<DemoDelivery> inTimeOrder() {
        List<DemoDelivery> sorted = new ArrayList<>(deliveries);
        sorted.sort(Comparator.comparing(DemoDelivery::at));
        return sorted;
    }

    /** A comment's text; {@code long} ones are over the 500 characters that earn the long-comment bonus. */
    String text(boolean longText) {
        StringBuilder text = new StringBuilder();
        int sentences = longText ? 12 : 1 + random.nextInt(2);
        for (int i = 0; i < sentences; i++) {
            text.append(i == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
        }
        return text.toString();
    }

    int nextSequence() {
        return ++sequence;
    }

    // --- GitHub ------------------------------------------------------------------------------------

    void prOpened(int number, String title, GitHubUser author, Instant at) {
        threads.put(number, new Thread(title, author, at, true));
        github("pull_request", "opened", "#" + number, at, author,
                GitHubPayloads.envelope("opened", author, "number", number,
                        "pull_request", GitHubPayloads.pullRequest(number, title, author, at, "open", null, null)),
                author, number);
    }

    void prMerged(int number, GitHubUser merger, Instant at) {
        Thread pr = threads.get(number);
        github("pull_request", "closed", "#" + number + " merged", at, merger,
                GitHubPayloads.envelope("closed", merger, "number", number, "pull_request",
                        GitHubPayloads.pullRequest(number, pr.title(), pr.author(), pr.opened(), "merged", at, merger)),
                pr.author(), number);
    }

    void prClosedUnmerged(int number, GitHubUser closer, Instant at) {
        Thread pr = threads.get(number);
        github("pull_request", "closed", "#" + number + " closed", at, closer,
                GitHubPayloads.envelope("closed", closer, "number", number, "pull_request",
                        GitHubPayloads.pullRequest(number, pr.title(), pr.author(), pr.opened(), "closed", at, null)),
                pr.author(), number);
    }

    void issueOpened(int number, String title, GitHubUser author, Instant at) {
        threads.put(number, new Thread(title, author, at, false));
        github("issues", "opened", "#" + number, at, author, GitHubPayloads.envelope("opened", author,
                "issue", GitHubPayloads.issue(number, title, author, at, null, false)), author, number);
    }

    void issueClosed(int number, GitHubUser closer, Instant at) {
        Thread issue = threads.get(number);
        github("issues", "closed", "#" + number, at, closer, GitHubPayloads.envelope("closed", closer,
                "issue", GitHubPayloads.issue(number, issue.title(), issue.author(), issue.opened(), at, false)),
                closer, number);
    }

    void comment(int number, GitHubUser author, Instant at, boolean longText) {
        Thread thread = threads.get(number);
        long id = nextCommentId++;
        github("issue_comment", "created", "#" + number + " " + id, at, author, GitHubPayloads.envelope("created", author,
                "issue", GitHubPayloads.issue(number, thread.title(), thread.author(), thread.opened(), null,
                        thread.pullRequest()),
                "comment", GitHubPayloads.comment(id, number, thread.pullRequest(), author, at, text(longText))),
                author, number);
    }

    void review(int number, GitHubUser reviewer, Instant at) {
        Thread pr = threads.get(number);
        long id = nextReviewId++;
        github("pull_request_review", "submitted", "#" + number + " " + id, at, reviewer,
                GitHubPayloads.envelope("submitted", reviewer,
                        "review", GitHubPayloads.review(id, number, reviewer, at, "approved", "Looks good to me."),
                        "pull_request", GitHubPayloads.pullRequest(number, pr.title(), pr.author(), pr.opened(), "open",
                                null, null)),
                reviewer, number);
    }

    void reviewComment(int number, GitHubUser author, Instant at) {
        Thread pr = threads.get(number);
        long id = nextReviewId++;
        github("pull_request_review_comment", "created", "#" + number + " " + id, at, author,
                GitHubPayloads.envelope("created", author,
                        "comment", GitHubPayloads.reviewComment(id, number, author, at, text(false)),
                        "pull_request", GitHubPayloads.pullRequest(number, pr.title(), pr.author(), pr.opened(), "open",
                                null, null)),
                author, number);
    }

    private void github(String event, String action, String what, Instant at, GitHubUser sender, ObjectNode body,
                        GitHubUser credited, int number) {
        String label = "github " + event + "." + action + " " + what;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/pulse-demo");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Hook-ID", Long.toString(DemoCast.HOOK_ID));
        // the same delivery id on every run: a second fill is answered as duplicates
        headers.put("X-GitHub-Delivery", UUID.nameUUIDFromBytes(("pulse-demo " + label).getBytes(StandardCharsets.UTF_8))
                .toString());
        // the sender of a merge or close is not credited, so only the credited person orders it
        add("github", label, at, headers, body, credited.identity(), "github:" + DemoCast.REPO + "#" + number);
    }

    /** Any platform's delivery; {@code keys} are the identities and threads it touches. */
    void add(String platform, String label, Instant at, Map<String, String> headers, ObjectNode body, String... keys) {
        try {
            deliveries.add(new DemoDelivery(platform, label, at, Map.copyOf(headers), Json.mapper().writeValueAsBytes(body),
                    new LinkedHashSet<>(List.of(keys))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
