package com.communitypulse.digest.platform;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends the raw MIME message with SES v2 {@code SendEmail} ({@code Content.Raw}). Throttling
 * ({@code TooManyRequestsException}, HTTP 429) is retried by the SDK's retry policy; what still fails
 * is thrown to the caller, which releases the week's claim.
 */
public final class SesDigestMailer {
    private final SesV2Client ses;

    public SesDigestMailer(SesV2Client ses) {
        this.ses = ses;
    }

    /** @return SES's message id */
    public String send(byte[] rawMime, String from, List<String> to) {
        return ses.sendEmail(r -> r
                .fromEmailAddress(from)
                .destination(d -> d.toAddresses(to))
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(rawMime)))))
                .messageId();
    }
}
