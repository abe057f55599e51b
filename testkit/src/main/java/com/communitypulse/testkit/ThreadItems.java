package com.communitypulse.testkit;

import com.communitypulse.shared.store.ItemAttributes;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.Items.Item;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@code THREAD#} item as the score function leaves it ({@link Items#thread}): its platform (by default the
 * thread id's prefix, {@code github:octo-org/hello-world#1}), who opened it when, and its first response by
 * someone else. It expires with the activity that opened it (or, never seen opened, that first answered it).
 */
public final class ThreadItems {
    private final String thread;
    private String platform;
    private String repo;
    private String openedAt;
    private String author;
    private String authorLogin;
    private String url;
    private String firstResponseAt;
    private String firstResponder;
    private Long expiresAt;

    ThreadItems(String thread) {
        this.thread = thread;
        int colon = thread.indexOf(':');
        this.platform = colon < 0 ? null : thread.substring(0, colon);
    }

    public ThreadItems platform(String platform) {
        this.platform = platform;
        return this;
    }

    public ThreadItems repo(String repo) {
        this.repo = repo;
        return this;
    }

    /** Opened at {@code ts} by {@code author} ({@code authorLogin} may be null). */
    public ThreadItems opened(String ts, String author, String authorLogin) {
        this.openedAt = ts;
        this.author = author;
        this.authorLogin = authorLogin;
        return this;
    }

    /** The author as a response named it, when the opening was never seen. */
    public ThreadItems author(String author) {
        this.author = author;
        return this;
    }

    public ThreadItems url(String url) {
        this.url = url;
        return this;
    }

    /** The first response by someone other than the author, not a bot. */
    public ThreadItems firstResponse(String ts, String responder) {
        this.firstResponseAt = ts;
        this.firstResponder = responder;
        return this;
    }

    /** {@code expires_at} (default: the opening's time, else the first response's, plus {@link Items#RETENTION}). */
    public ThreadItems expiresAt(long epochSeconds) {
        this.expiresAt = epochSeconds;
        return this;
    }

    public Map<String, AttributeValue> item() {
        String start = openedAt != null ? openedAt : firstResponseAt;
        Long ttl = expiresAt != null ? expiresAt : start == null ? null : Items.expiresAt(start);
        return new Item(TableKeys.thread(thread), TableKeys.THREAD).s(ItemAttributes.ThreadItem.THREAD, thread)
                .s(ItemAttributes.ThreadItem.PLATFORM, platform).s(ItemAttributes.ThreadItem.REPO, repo)
                .s(ItemAttributes.ThreadItem.OPENED_AT, openedAt).s(ItemAttributes.ThreadItem.AUTHOR, author)
                .s(ItemAttributes.ThreadItem.AUTHOR_LOGIN, authorLogin).s(ItemAttributes.ThreadItem.URL, url)
                .s(ItemAttributes.ThreadItem.FIRST_RESPONSE_AT, firstResponseAt)
                .s(ItemAttributes.ThreadItem.FIRST_RESPONDER, firstResponder)
                .n(ItemAttributes.ThreadItem.EXPIRES_AT, ttl).attributes;
    }

    public void put(DynamoDbClient client, String table) {
        Items.put(client, table, java.util.List.of(item()));
    }
}
