package com.communitypulse.welcome;

/** Counts outcomes per platform; the handler's implementation writes Powertools (EMF) metrics. */
@FunctionalInterface
public interface WelcomeMetrics {
    WelcomeMetrics NONE = (name, platform) -> {
    };

    void count(String name, String platform);

    /** A skip ({@code WelcomeSkipped}, {@code CelebrationSkipped}) and why: bot, returning, erased... */
    default void skipped(String name, String platform, String reason) {
        count(name, platform);
    }
}
