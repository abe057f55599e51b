package com.communitypulse.welcome;

import java.util.List;

/**
 * A welcome ready to post.
 *
 * @param contribution the event it answers
 * @param message      the rendered text
 * @param labels       labels to add (GitHub issues and PRs only), may be empty
 */
public record Welcome(FirstContribution contribution, String message, List<String> labels) {
    public Welcome {
        labels = List.copyOf(labels);
    }
}
