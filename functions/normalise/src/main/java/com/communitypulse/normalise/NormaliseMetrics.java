package com.communitypulse.normalise;

/**
 * Counts what became of each delivery, by {@code event} ({@code <platform>.<event>}, e.g.
 * {@code github.pull_request}): {@code actions} published, deliveries {@code ignored} by the
 * taxonomy, and deliveries {@code unmappable} (accepted by the webhook but not mappable: a bug
 * or a platform change worth an alarm).
 */
public interface NormaliseMetrics {
    void published(String event, int actions);

    void ignored(String event);

    void unmappable(String event);
}
