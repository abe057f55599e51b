package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.ActionBuilder.action;
import static com.communitypulse.shared.model.ActionTypes.ANSWER_ACCEPTED;
import static com.communitypulse.shared.model.ActionTypes.COMMENT;
import static com.communitypulse.shared.model.ActionTypes.DISCUSSION_OPENED;
import static com.communitypulse.shared.model.ActionTypes.DOCS_EDITED;
import static com.communitypulse.shared.model.ActionTypes.FORKED;
import static com.communitypulse.shared.model.ActionTypes.ISSUE_CLOSED;
import static com.communitypulse.shared.model.ActionTypes.ISSUE_OPENED;
import static com.communitypulse.shared.model.ActionTypes.MEMBER_JOINED;
import static com.communitypulse.shared.model.ActionTypes.PR_CLOSED;
import static com.communitypulse.shared.model.ActionTypes.PR_MERGED;
import static com.communitypulse.shared.model.ActionTypes.PR_OPENED;
import static com.communitypulse.shared.model.ActionTypes.PR_REVIEWED;
import static com.communitypulse.shared.model.ActionTypes.RELEASE_PUBLISHED;
import static com.communitypulse.shared.model.ActionTypes.REPLY_GIVEN;
import static com.communitypulse.shared.model.ActionTypes.REVIEW_COMMENT;
import static com.communitypulse.shared.model.ActionTypes.STARRED;

import com.communitypulse.shared.model.Bots;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GitHub webhooks (event = {@code X-GitHub-Event}). The author of the thing is credited
 * ({@code pull_request.user}, {@code comment.user}, ...), not whoever triggered the delivery,
 * except where the act itself is the sender's (closing an issue, starring, forking, editing a wiki).
 */
final class GitHubRules {
    static final String PLATFORM = "github";

    private GitHubRules() {
    }

    static List<Rule> rules() {
        return List.of(
                Rule.on(PLATFORM, "pull_request").when("`opened`", d -> d.actionIs("opened"))
                        .gives(PR_OPENED, "PR author (`pull_request.user`)", "`pull_request.created_at`",
                                "`github:pr_opened:{repo}#{number}`", d -> pullRequest(d, PR_OPENED, "created_at")),
                Rule.on(PLATFORM, "pull_request").when("`closed` with `merged: true`",
                                d -> d.actionIs("closed") && d.payload().path("pull_request").path("merged").asBoolean(false))
                        .gives(PR_MERGED, "PR author (`pull_request.user`), not the merger", "`pull_request.merged_at`",
                                "`github:pr_merged:{repo}#{number}`", d -> pullRequest(d, PR_MERGED, "merged_at")),
                Rule.on(PLATFORM, "pull_request").when("`closed`, not merged", d -> d.actionIs("closed"))
                        .gives(PR_CLOSED, "PR author (`pull_request.user`)", "`pull_request.closed_at`",
                                "`github:pr_closed:{repo}#{number}`", d -> pullRequest(d, PR_CLOSED, "closed_at")),
                Rule.on(PLATFORM, "issues").when("`opened`", d -> d.actionIs("opened"))
                        .gives(ISSUE_OPENED, "issue author (`issue.user`)", "`issue.created_at`",
                                "`github:issue_opened:{repo}#{number}`", GitHubRules::issueOpened),
                Rule.on(PLATFORM, "issues").when("`closed`", d -> d.actionIs("closed"))
                        .gives(ISSUE_CLOSED, "who closed it (`sender`)", "`issue.closed_at`",
                                "`github:issue_closed:{repo}#{number}`", GitHubRules::issueClosed),
                Rule.on(PLATFORM, "issue_comment").when("`created` (on an issue or a PR)", d -> d.actionIs("created"))
                        .gives(COMMENT, "comment author (`comment.user`)", "`comment.created_at`",
                                "`github:comment:{comment id}`", GitHubRules::issueComment),
                Rule.on(PLATFORM, "pull_request_review").when("`submitted`, `commented` with an empty body",
                                d -> d.actionIs("submitted") && isEmptyCommentedReview(d.payload().path("review")))
                        .ignore("the wrapper GitHub makes around line comments, which count as `review_comment`"),
                Rule.on(PLATFORM, "pull_request_review").when("`submitted` (approved, changes requested, or with a body)",
                                d -> d.actionIs("submitted"))
                        .gives(PR_REVIEWED, "reviewer (`review.user`)", "`review.submitted_at`",
                                "`github:review:{review id}`", GitHubRules::review),
                Rule.on(PLATFORM, "pull_request_review_comment").when("`created`", d -> d.actionIs("created"))
                        .gives(REVIEW_COMMENT, "comment author (`comment.user`)", "`comment.created_at`",
                                "`github:review_comment:{comment id}`", GitHubRules::reviewComment),
                Rule.on(PLATFORM, "discussion").when("`created`", d -> d.actionIs("created"))
                        .gives(DISCUSSION_OPENED, "discussion author (`discussion.user`)", "`discussion.created_at`",
                                "`github:discussion_opened:{repo}#{number}`", GitHubRules::discussionOpened),
                Rule.on(PLATFORM, "discussion").when("`answered`", d -> d.actionIs("answered"))
                        .gives(ANSWER_ACCEPTED, "answer author (`answer.user`), not who chose it",
                                "`discussion.answer_chosen_at` (offset parsed)",
                                "`github:answer_accepted:{repo}#{number}:{answer id}`", GitHubRules::answerAccepted),
                Rule.on(PLATFORM, "discussion_comment").when("`created`", d -> d.actionIs("created"))
                        .gives(REPLY_GIVEN, "comment author (`comment.user`)", "`comment.created_at`",
                                "`github:discussion_comment:{comment id}`", GitHubRules::discussionComment),
                Rule.on(PLATFORM, "commit_comment").when("`created`", d -> d.actionIs("created"))
                        .gives(COMMENT, "comment author (`comment.user`)", "`comment.created_at`",
                                "`github:commit_comment:{comment id}`", GitHubRules::commitComment),
                Rule.on(PLATFORM, "issue_comment", "pull_request_review_comment", "discussion_comment", "commit_comment",
                                "pull_request_review")
                        .when("`edited`, `deleted`, `dismissed`", d -> d.actionIs("edited", "deleted", "dismissed"))
                        .ignore("edits and deletions never count twice"),
                Rule.on(PLATFORM, "gollum").when("each page in `pages[]`", d -> true)
                        .gives(DOCS_EDITED, "the editor (`sender`)", "arrival (no time in the payload)",
                                "`github:docs_edited:{repo}:{page_name}:{sha}`", GitHubRules::wikiPages),
                Rule.on(PLATFORM, "release").when("`published`", d -> d.actionIs("published"))
                        .gives(RELEASE_PUBLISHED, "release author (`release.author`)", "`release.published_at`",
                                "`github:release_published:{release id}`", GitHubRules::release),
                Rule.on(PLATFORM, "star").when("`created`", d -> d.actionIs("created"))
                        .gives(STARRED, "who starred (`sender`)", "`starred_at`",
                                "`github:starred:{repo}:{sender id}`", GitHubRules::starred),
                Rule.on(PLATFORM, "watch").when("`started` (sent with every star)", d -> d.actionIs("started"))
                        .gives(STARRED, "who starred (`sender`)", "arrival (no time in the payload)",
                                "`github:starred:{repo}:{sender id}` (same id as the `star`: counted once)",
                                GitHubRules::starred),
                Rule.on(PLATFORM, "fork").when("any", d -> true)
                        .gives(FORKED, "who forked (`sender`)", "`forkee.created_at`",
                                "`github:forked:{fork id}`", GitHubRules::forked),
                Rule.on(PLATFORM, "member").when("`added`", d -> d.actionIs("added"))
                        .gives(MEMBER_JOINED, "the new collaborator (`member`), not who added them",
                                "arrival (no time in the payload)", "`github:member_joined:{repo}:{member id}`",
                                GitHubRules::memberAdded),
                Rule.on(PLATFORM, "organization").when("`member_added`", d -> d.actionIs("member_added"))
                        .gives(MEMBER_JOINED, "the new member (`membership.user`)", "arrival (no time in the payload)",
                                "`github:member_joined:{org}:{user id}`", GitHubRules::organizationMemberAdded),
                Rule.on(PLATFORM, Rule.ANY_EVENT).when("any other event or action", d -> true)
                        .ignore("not counted (labels, assignments, reopenings, pushes, CI, settings, ...)"));
    }

    /** A {@code commented} review with no body: GitHub's container for line comments made one at a time. */
    static boolean isEmptyCommentedReview(JsonNode review) {
        String state = review.path("state").asText("").toLowerCase(Locale.ROOT);
        String body = Fields.text(review, "body");
        return "commented".equals(state) && (body == null || body.isBlank());
    }

    // --- mappers ---------------------------------------------------------------------------------

    private static List<Normalised> pullRequest(Delivery d, String type, String timeField) throws Unmappable {
        return byThreadAuthor(d, "pull_request", type, timeField);
    }

    /**
     * An action on an issue, PR or discussion credited to its author (opened, merged, closed unmerged),
     * at the object's {@code timeField}, on its own thread.
     */
    private static List<Normalised> byThreadAuthor(Delivery d, String parent, String type, String timeField)
            throws Unmappable {
        JsonNode object = Fields.object(d.payload(), parent, "payload");
        String repo = repo(d);
        String number = Fields.required(object, "number", parent);
        Actor author = user(object.get("user"), parent + ".user");
        return List.of(action(d, type)
                .key("github:" + type + ":" + repo + "#" + number)
                .actor(author)
                .at(Times.parse(object.get(timeField)), parent + "." + timeField)
                .repo(repo)
                .url(Fields.text(object, "html_url"))
                .association(Fields.text(object, "author_association"))
                .thread(thread(repo, number), author.id())
                .reactionsOf(object)
                .referencesIn(repo, "pull_request".equals(parent) ? Fields.text(object, "body") : null)
                .build());
    }

    private static List<Normalised> issueOpened(Delivery d) throws Unmappable {
        return byThreadAuthor(d, "issue", ISSUE_OPENED, "created_at");
    }

    private static List<Normalised> issueClosed(Delivery d) throws Unmappable {
        JsonNode issue = Fields.object(d.payload(), "issue", "payload");
        String repo = repo(d);
        String number = Fields.required(issue, "number", "issue");
        Actor author = user(issue.get("user"), "issue.user");
        return List.of(action(d, ISSUE_CLOSED)
                .key("github:issue_closed:" + repo + "#" + number)
                .actor(user(d.payload().get("sender"), "sender"))
                .at(Times.parse(issue.get("closed_at")), "issue.closed_at")
                .repo(repo)
                .url(Fields.text(issue, "html_url"))
                .thread(thread(repo, number), author.id())
                .reactionsOf(issue)
                .build());
    }

    private static List<Normalised> issueComment(Delivery d) throws Unmappable {
        return threadComment(d, "issue", COMMENT, "github:comment:");
    }

    private static List<Normalised> reviewComment(Delivery d) throws Unmappable {
        return threadComment(d, "pull_request", REVIEW_COMMENT, "github:review_comment:");
    }

    private static List<Normalised> discussionComment(Delivery d) throws Unmappable {
        return threadComment(d, "discussion", REPLY_GIVEN, "github:discussion_comment:");
    }

    /** A comment on an issue, PR or discussion: the commenter is credited, on the thread of its parent. */
    private static List<Normalised> threadComment(Delivery d, String parent, String type, String keyPrefix)
            throws Unmappable {
        JsonNode object = Fields.object(d.payload(), parent, "payload");
        String repo = repo(d);
        String number = Fields.required(object, "number", parent);
        return List.of(comment(d, type, keyPrefix, repo)
                .thread(thread(repo, number), user(object.get("user"), parent + ".user").id())
                .build());
    }

    private static List<Normalised> commitComment(Delivery d) throws Unmappable {
        return List.of(comment(d, COMMENT, "github:commit_comment:", repo(d)).build());
    }

    /** The common part of every kind of comment: {@code payload.comment} by {@code comment.user}. */
    private static ActionBuilder comment(Delivery d, String type, String keyPrefix, String repo) throws Unmappable {
        JsonNode comment = Fields.object(d.payload(), "comment", "payload");
        return action(d, type)
                .key(keyPrefix + Fields.required(comment, "id", "comment"))
                .actor(user(comment.get("user"), "comment.user"))
                .at(Times.parse(comment.get("created_at")), "comment.created_at")
                .repo(repo)
                .url(Fields.text(comment, "html_url"))
                .length(Fields.length(comment, "body"))
                .association(Fields.text(comment, "author_association"))
                .reactionsOf(comment)
                .referencesIn(repo, Fields.text(comment, "body"));
    }

    private static List<Normalised> review(Delivery d) throws Unmappable {
        JsonNode review = Fields.object(d.payload(), "review", "payload");
        JsonNode pr = Fields.object(d.payload(), "pull_request", "payload");
        String repo = repo(d);
        String number = Fields.required(pr, "number", "pull_request");
        return List.of(action(d, PR_REVIEWED)
                .key("github:review:" + Fields.required(review, "id", "review"))
                .actor(user(review.get("user"), "review.user"))
                .at(Times.parse(review.get("submitted_at")), "review.submitted_at")
                .repo(repo)
                .url(Fields.text(review, "html_url"))
                .length(Fields.length(review, "body"))
                .association(Fields.text(review, "author_association"))
                .thread(thread(repo, number), user(pr.get("user"), "pull_request.user").id())
                .build());
    }

    private static List<Normalised> discussionOpened(Delivery d) throws Unmappable {
        return byThreadAuthor(d, "discussion", DISCUSSION_OPENED, "created_at");
    }

    private static List<Normalised> answerAccepted(Delivery d) throws Unmappable {
        JsonNode discussion = Fields.object(d.payload(), "discussion", "payload");
        JsonNode answer = Fields.object(d.payload(), "answer", "payload");
        String repo = repo(d);
        String number = Fields.required(discussion, "number", "discussion");
        return List.of(action(d, ANSWER_ACCEPTED)
                .key("github:answer_accepted:" + repo + "#" + number + ":" + Fields.required(answer, "id", "answer"))
                .actor(user(answer.get("user"), "answer.user"))
                .at(Times.parse(discussion.get("answer_chosen_at")), "discussion.answer_chosen_at")
                .repo(repo)
                .url(Fields.text(answer, "html_url"))
                .association(Fields.text(answer, "author_association"))
                .thread(thread(repo, number), user(discussion.get("user"), "discussion.user").id())
                .build());
    }

    private static List<Normalised> wikiPages(Delivery d) throws Unmappable {
        String repo = repo(d);
        Actor editor = user(d.payload().get("sender"), "sender");
        List<Normalised> actions = new ArrayList<>();
        for (JsonNode page : d.payload().path("pages")) {
            actions.add(action(d, DOCS_EDITED)
                    .key("github:docs_edited:" + repo + ":" + Fields.required(page, "page_name", "pages[]")
                            + ":" + Fields.required(page, "sha", "pages[]"))
                    .actor(editor)
                    .atArrival()
                    .repo(repo)
                    .url(Fields.text(page, "html_url"))
                    .build());
        }
        return actions;
    }

    private static List<Normalised> release(Delivery d) throws Unmappable {
        JsonNode release = Fields.object(d.payload(), "release", "payload");
        return List.of(action(d, RELEASE_PUBLISHED)
                .key("github:release_published:" + Fields.required(release, "id", "release"))
                .actor(user(release.get("author"), "release.author"))
                .at(Times.parse(release.get("published_at")), "release.published_at")
                .repo(repo(d))
                .url(Fields.text(release, "html_url"))
                .build());
    }

    /** {@code star created} and {@code watch started}: one key, so the pair counts once. */
    private static List<Normalised> starred(Delivery d) throws Unmappable {
        String repo = repo(d);
        Actor stargazer = user(d.payload().get("sender"), "sender");
        ActionBuilder star = action(d, STARRED)
                .key("github:starred:" + repo + ":" + stargazer.id().substring("github:".length()))
                .actor(stargazer)
                .repo(repo)
                .url(Fields.text(d.payload().path("repository"), "html_url"));
        Instant starredAt = Times.parse(d.payload().get("starred_at"));
        return List.of((starredAt != null ? star.at(starredAt, "starred_at") : star.atArrival()).build());
    }

    private static List<Normalised> forked(Delivery d) throws Unmappable {
        JsonNode fork = Fields.object(d.payload(), "forkee", "payload");
        return List.of(action(d, FORKED)
                .key("github:forked:" + Fields.required(fork, "id", "forkee"))
                .actor(user(d.payload().get("sender"), "sender"))
                .at(Times.parse(fork.get("created_at")), "forkee.created_at")
                .repo(repo(d))
                .url(Fields.text(fork, "html_url"))
                .build());
    }

    private static List<Normalised> memberAdded(Delivery d) throws Unmappable {
        String repo = repo(d);
        Actor member = user(d.payload().get("member"), "member");
        return List.of(action(d, MEMBER_JOINED)
                .key("github:member_joined:" + repo + ":" + member.id().substring("github:".length()))
                .actor(member)
                .atArrival()
                .repo(repo)
                .url(Fields.text(d.payload().path("repository"), "html_url"))
                .build());
    }

    private static List<Normalised> organizationMemberAdded(Delivery d) throws Unmappable {
        String org = Fields.required(Fields.object(d.payload(), "organization", "payload"), "login", "organization");
        Actor member = user(Fields.object(d.payload(), "membership", "payload").get("user"), "membership.user");
        return List.of(action(d, MEMBER_JOINED)
                .key("github:member_joined:" + org + ":" + member.id().substring("github:".length()))
                .actor(member)
                .atArrival()
                .repo(org)
                .url("https://github.com/" + org)
                .build());
    }

    // --- shared readers --------------------------------------------------------------------------

    /** {@code github:<id>}; a bot when GitHub says {@code type: Bot} or the login ends in {@code [bot]}. */
    static Actor user(JsonNode user, String where) throws Unmappable {
        if (user == null || !user.isObject()) {
            throw new Unmappable("missing " + where);
        }
        String id = Fields.required(user, "id", where);
        String login = Fields.required(user, "login", where);
        boolean bot = "Bot".equalsIgnoreCase(Fields.text(user, "type")) || Bots.isBotLogin(login);
        return new Actor("github:" + id, login, bot);
    }

    private static String repo(Delivery d) throws Unmappable {
        return Fields.required(Fields.object(d.payload(), "repository", "payload"), "full_name", "repository");
    }

    /** Issues, PRs and discussions share one number sequence per repository. */
    static String thread(String repo, String number) {
        return "github:" + repo + "#" + number;
    }
}
