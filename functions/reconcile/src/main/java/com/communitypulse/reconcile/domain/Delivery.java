package com.communitypulse.reconcile.domain;

import java.time.Instant;

/**
 * One item of GitHub's "list deliveries for a webhook": one attempt. A redelivery is a new item (new
 * {@code id}, {@code redelivery: true}) with the same {@code guid}, the {@code X-GitHub-Delivery} the
 * webhook function claims.
 *
 * @param statusCode the HTTP status our endpoint answered; 0 when there was no answer (timeout, refused)
 */
public record Delivery(long id, String guid, Instant deliveredAt, boolean redelivery, String status, int statusCode,
                       String event, String action) {

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
