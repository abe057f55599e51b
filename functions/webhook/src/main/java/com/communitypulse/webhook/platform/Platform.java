package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.secrets.SecretName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One platform's front door: how it signs ({@link #verify}) and what its deliveries mean
 * ({@link #interpret}). The service runs the steps common to all of them (size, content type,
 * secrets, de-duplication, publishing) around these two.
 */
public interface Platform {
    /** The {@code {platform}} path segment of {@code POST /webhooks/{platform}}. */
    String route();

    /** The platform name on the bus and in {@code RawDelivery.platform}. */
    String id();

    /** Which secret verifies this platform's signatures. */
    SecretName secret();

    /** Accepted media types (lower case, without parameters). */
    Set<String> mediaTypes();

    /**
     * Checks the signature over the raw bytes.
     *
     * @param secrets every currently valid secret (rotation); any one verifying is enough
     * @throws Rejected 401 when the signature or its timestamp is missing, wrong or expired
     */
    void verify(WebhookRequest request, byte[] body, List<String> secrets, Instant now) throws Rejected;

    /**
     * Reads an authentic body.
     *
     * @throws Rejected 400 when it is not JSON or not the shape this platform sends
     */
    Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected;

    /**
     * The answer to a copy of a delivery that another invocation is still publishing, for a platform
     * that needs a 2xx whatever happens; empty (the default) for a retryable 409.
     */
    default Optional<WebhookResponse> copyInProgress() {
        return Optional.empty();
    }
}
