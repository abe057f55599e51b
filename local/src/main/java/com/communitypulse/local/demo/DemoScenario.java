package com.communitypulse.local.demo;

import java.util.List;

/** The whole demo community for one anchor: every delivery, in the order it happened. */
public final class DemoScenario {
    private DemoScenario() {
    }

    public static List<DemoDelivery> deliveries(DemoTimeline timeline) {
        DemoBook book = new DemoBook();
        GitHubStory.write(book, timeline);
        ChatStory.write(book, timeline);
        return book.inTimeOrder();
    }
}
