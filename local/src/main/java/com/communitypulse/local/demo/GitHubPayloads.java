package com.communitypulse.local.demo;

import com.communitypulse.local.demo.DemoCast.GitHubUser;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * GitHub webhook bodies in the shape GitHub sends them (trimmed like {@code events/github/*.json}:
 * the fields the normaliser reads, and the usual ones around them).
 */
final class GitHubPayloads {
    private static final String API = "https://api.github.com/repos/" + DemoCast.REPO;
    private static final String WEB = "https://github.com/" + DemoCast.REPO;

    private GitHubPayloads() {
    }

    static ObjectNode user(GitHubUser user) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("login", user.login()).put("id", user.id()).put("node_id", "MDQ6VXNlcj" + user.id())
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + user.id() + "?v=4")
                .put("gravatar_id", "").put("url", "https://api.github.com/users/" + user.login())
                .put("html_url", "https://github.com/" + user.login().replace("[bot]", "")).put("type", user.type())
                .put("site_admin", false);
        return node;
    }

    static ObjectNode repository() {
        ObjectNode owner = Json.mapper().createObjectNode();
        owner.put("login", DemoCast.ORG).put("id", 91000000L).put("node_id", "O_kgDOBWx0")
                .put("html_url", "https://github.com/" + DemoCast.ORG).put("type", "Organization").put("site_admin", false);
        ObjectNode repo = Json.mapper().createObjectNode();
        repo.put("id", DemoCast.REPO_ID).put("node_id", "R_kgDOKe0001").put("name", "widgets")
                .put("full_name", DemoCast.REPO).put("private", false);
        repo.set("owner", owner);
        repo.put("html_url", WEB).put("description", "Widgets for community dashboards").put("fork", false)
                .put("url", API).put("created_at", "2024-03-01T09:00:00Z").put("default_branch", "main")
                .put("language", "Java").put("has_issues", true).put("has_discussions", false);
        return repo;
    }

    /** A pull request as it is at {@code state} ("open", "merged", "closed"). */
    static ObjectNode pullRequest(int number, String title, GitHubUser author, Instant created, String state,
                                  Instant closed, GitHubUser merger) {
        boolean merged = state.equals("merged");
        ObjectNode pr = Json.mapper().createObjectNode();
        pr.put("url", API + "/pulls/" + number).put("id", 2100000000L + number)
                .put("node_id", "PR_kwDOKe0" + number).put("html_url", WEB + "/pull/" + number)
                .put("diff_url", WEB + "/pull/" + number + ".diff").put("issue_url", API + "/issues/" + number)
                .put("number", number).put("state", state.equals("open") ? "open" : "closed").put("locked", false)
                .put("title", title);
        pr.set("user", user(author));
        pr.put("body", "This changes " + title.toLowerCase() + ".").put("created_at", created.toString())
                .put("updated_at", (closed != null ? closed : created).toString());
        pr.put("closed_at", closed == null ? null : closed.toString());
        pr.put("merged_at", merged ? closed.toString() : null);
        pr.put("merge_commit_sha", merged ? sha("merge", number) : null);
        pr.putArray("labels");
        ObjectNode head = pr.putObject("head");
        head.put("label", author.login() + ":topic-" + number).put("ref", "topic-" + number).put("sha", sha("head", number));
        ObjectNode base = pr.putObject("base");
        base.put("label", DemoCast.ORG + ":main").put("ref", "main").put("sha", sha("base", number));
        pr.put("author_association", author.association()).put("draft", false).put("merged", merged);
        if (merged) {
            pr.set("merged_by", user(merger));
        } else {
            pr.putNull("merged_by");
        }
        pr.put("comments", 1).put("review_comments", 0).put("commits", 1 + number % 3)
                .put("additions", 10 + number * 7 % 90).put("deletions", number * 3 % 20).put("changed_files", 1 + number % 4);
        return pr;
    }

    static ObjectNode issue(int number, String title, GitHubUser author, Instant created, Instant closed,
                            boolean onPullRequest) {
        ObjectNode issue = Json.mapper().createObjectNode();
        issue.put("url", API + "/issues/" + number).put("repository_url", API)
                .put("html_url", WEB + (onPullRequest ? "/pull/" : "/issues/") + number)
                .put("id", 1900000000L + number).put("node_id", "I_kwDOKe0" + number).put("number", number)
                .put("title", title);
        issue.set("user", user(author));
        issue.putArray("labels");
        issue.put("state", closed == null ? "open" : "closed").put("locked", false).put("comments", 0)
                .put("created_at", created.toString()).put("updated_at", (closed != null ? closed : created).toString());
        issue.put("closed_at", closed == null ? null : closed.toString());
        issue.put("author_association", author.association()).put("body", "Steps to reproduce: " + title.toLowerCase() + ".");
        if (onPullRequest) {
            issue.putObject("pull_request").put("url", API + "/pulls/" + number).put("html_url", WEB + "/pull/" + number);
        }
        return issue;
    }

    static ObjectNode comment(long id, int number, boolean onPullRequest, GitHubUser author, Instant at, String body) {
        ObjectNode comment = Json.mapper().createObjectNode();
        comment.put("url", API + "/issues/comments/" + id)
                .put("html_url", WEB + (onPullRequest ? "/pull/" : "/issues/") + number + "#issuecomment-" + id)
                .put("issue_url", API + "/issues/" + number).put("id", id).put("node_id", "IC_kwDOKe0" + id);
        comment.set("user", user(author));
        comment.put("created_at", at.toString()).put("updated_at", at.toString())
                .put("author_association", author.association()).put("body", body);
        return comment;
    }

    static ObjectNode review(long id, int number, GitHubUser reviewer, Instant at, String state, String body) {
        ObjectNode review = Json.mapper().createObjectNode();
        review.put("id", id).put("node_id", "PRR_kwDOKe0" + id);
        review.set("user", user(reviewer));
        review.put("body", body).put("commit_id", sha("head", number)).put("submitted_at", at.toString())
                .put("state", state).put("html_url", WEB + "/pull/" + number + "#pullrequestreview-" + id)
                .put("pull_request_url", API + "/pulls/" + number).put("author_association", reviewer.association());
        return review;
    }

    static ObjectNode reviewComment(long id, int number, GitHubUser author, Instant at, String body) {
        ObjectNode comment = Json.mapper().createObjectNode();
        comment.put("url", API + "/pulls/comments/" + id).put("pull_request_review_id", id + 1)
                .put("id", id).put("node_id", "PRRC_kwDOKe0" + id)
                .put("diff_hunk", "@@ -1,4 +1,6 @@").put("path", "src/main/java/Widget.java")
                .put("commit_id", sha("head", number));
        comment.set("user", user(author));
        comment.put("body", body).put("created_at", at.toString()).put("updated_at", at.toString())
                .put("html_url", WEB + "/pull/" + number + "#discussion_r" + id)
                .put("pull_request_url", API + "/pulls/" + number).put("author_association", author.association())
                .put("line", 12).put("side", "RIGHT");
        return comment;
    }

    /** {@code {"action": ..., <objects>..., "repository": ..., "sender": ...}}, in GitHub's order. */
    static ObjectNode envelope(String action, GitHubUser sender, Object... namedObjects) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("action", action);
        for (int i = 0; i < namedObjects.length; i += 2) {
            Object value = namedObjects[i + 1];
            if (value instanceof Integer n) {
                body.put((String) namedObjects[i], n);
            } else {
                body.set((String) namedObjects[i], (ObjectNode) value);
            }
        }
        body.set("repository", repository());
        body.set("sender", user(sender));
        return body;
    }

    /** A stable 40-hex "commit" per PR, so bodies are identical on every run. */
    private static String sha(String what, int number) {
        String seed = Integer.toHexString((what + number).hashCode() & 0x7fffffff);
        return (seed + "0000000000000000000000000000000000000000").substring(0, 40);
    }
}
