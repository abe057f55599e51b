package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookResponse;

/**
 * A request refused by a platform's checks. Internal control flow only: the service turns it
 * into a 4xx answer; it never leaves the function as a thrown exception.
 */
public final class Rejected extends Exception {
    private final int status;
    private final String reason;

    private Rejected(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    /** 401: the signature or its timestamp is missing, malformed, wrong or expired. */
    public static Rejected unauthorized(String reason, String message) {
        return new Rejected(401, reason, message);
    }

    /** 400: authentic, but not something this route understands. */
    public static Rejected badRequest(String reason, String message) {
        return new Rejected(400, reason, message);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public WebhookResponse toResponse() {
        return WebhookResponse.rejected(status, reason, getMessage());
    }
}
