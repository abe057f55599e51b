package com.communitypulse.shared.model;

import java.util.List;

/** The action types of docs/design.md section 4. */
public final class ActionTypes {
    public static final String PR_OPENED = "pr_opened";
    public static final String PR_MERGED = "pr_merged";
    public static final String PR_CLOSED = "pr_closed";
    public static final String PR_REVIEWED = "pr_reviewed";
    public static final String REVIEW_COMMENT = "review_comment";
    public static final String ISSUE_OPENED = "issue_opened";
    public static final String ISSUE_CLOSED = "issue_closed";
    public static final String COMMENT = "comment";
    public static final String DISCUSSION_OPENED = "discussion_opened";
    public static final String REPLY_GIVEN = "reply_given";
    public static final String ANSWER_ACCEPTED = "answer_accepted";
    public static final String TOPIC_CREATED = "topic_created";
    public static final String DOCS_EDITED = "docs_edited";
    public static final String RELEASE_PUBLISHED = "release_published";
    public static final String STARRED = "starred";
    public static final String FORKED = "forked";
    public static final String MEMBER_JOINED = "member_joined";
    public static final String KUDOS_GIVEN = "kudos_given";
    public static final String MESSAGE_POSTED = "message_posted";
    public static final String REACTION_ADDED = "reaction_added";
    /** Discord {@code /link} or a custom source: the actor says another identity is also theirs. */
    public static final String IDENTITY_LINKED = "identity_linked";

    /**
     * An admin (the read API's {@code POST /admin/people/{id}/crm}) or a custom source sets the person's CRM id:
     * {@code context.target} is the id, absent to clear it. Recorded, never scored nor counted.
     */
    public static final String CRM_ID_SET = "crm_id_set";

    /**
     * An admin (the read API's {@code POST /admin/identities/unlink}) takes the actor, a linked identity, out of its
     * person: both get back what they would have without the link. Only from the admin API.
     */
    public static final String IDENTITY_UNLINKED = "identity_unlinked";

    /** The types platforms' deliveries map to (the taxonomy's), each counted on the profile. */
    public static final List<String> ALL = List.of(PR_OPENED, PR_MERGED, PR_CLOSED, PR_REVIEWED, REVIEW_COMMENT,
            ISSUE_OPENED, ISSUE_CLOSED, COMMENT, DISCUSSION_OPENED, REPLY_GIVEN, ANSWER_ACCEPTED, TOPIC_CREATED,
            DOCS_EDITED, RELEASE_PUBLISHED, STARRED, FORKED, MEMBER_JOINED, KUDOS_GIVEN, MESSAGE_POSTED,
            REACTION_ADDED, IDENTITY_LINKED);

    /**
     * Admin actions: they change a person's data, not their standing (no score, count, tier or event), and come
     * from the admin API or a custom source, never from a platform's delivery (so no taxonomy rule maps to them).
     */
    public static final List<String> ADMIN = List.of(CRM_ID_SET, IDENTITY_UNLINKED);

    private ActionTypes() {
    }
}
