package com.communitypulse.welcome.platform.http;

/** The platform refused the request for a reason retrying cannot fix (400, 401, 403, 404, 410, 422...). */
public class PermanentHttpFailure extends RuntimeException {
    private final int status;

    public PermanentHttpFailure(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** HTTP status, or 0 when the failure was read from a 200 body (Slack {@code ok:false}, GraphQL errors). */
    public int status() {
        return status;
    }
}
