package com.communitypulse.welcome.domain;

import java.util.List;

/**
 * A welcome ready to post.
 *
 * @param contribution the event it answers
 * @param message      the rendered text
 * @param labels       labels to add (GitHub issues and PRs only), may be empty
 * @param kind         {@code welcome}, or the milestone celebrated ({@code first_merge}, {@code first_answer}):
 *                     named in the message's hidden marker
 */
public record Welcome(FirstContribution contribution, String message, List<String> labels, String kind) {
    public static final String WELCOME = "welcome";

    public Welcome {
        labels = List.copyOf(labels);
    }

    public Welcome(FirstContribution contribution, String message, List<String> labels) {
        this(contribution, message, labels, WELCOME);
    }

    /**
     * The hidden mark of this message in its thread, e.g. {@code community-pulse:welcome:github:583231}: the
     * kind and the platform's own user id, which the message's mention already shows. Never the person id,
     * which may name an identity on another platform.
     */
    public String marker() {
        return "community-pulse:" + kind + ":" + contribution.platform() + ":"
                + contribution.identity().substring(contribution.identity().lastIndexOf(':') + 1);
    }

    /** The marker as an HTML comment: hidden in GitHub's and Discourse's rendered Markdown. */
    public String markedMessage() {
        return message + "\n\n<!-- " + marker() + " -->";
    }
}
