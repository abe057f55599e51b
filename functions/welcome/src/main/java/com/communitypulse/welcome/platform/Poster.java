package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.Welcome;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Posts a welcome on one platform. */
public interface Poster {
    String platform();

    /** Why this contribution has no place to answer (e.g. a GitHub star has no thread), or empty. */
    Optional<String> noTarget(FirstContribution contribution);

    /** How the template's {@code {mention}} reads on this platform. */
    String mention(FirstContribution contribution);

    /** Makes a user-supplied value (a login) safe inside this platform's message markup. */
    default String escape(String value) {
        return value;
    }

    boolean hasCredentials(PlatformTokens tokens);

    /** The exact requests {@link #post} would send, for a dry run (secrets redacted by the recorder). */
    List<OutboundRequest> plan(Welcome welcome, PlatformTokens tokens);

    /**
     * Posts it.
     *
     * @throws com.communitypulse.welcome.platform.http.PermanentHttpFailure the platform refused for good
     * @throws com.communitypulse.welcome.platform.http.TransientHttpFailure still failing: try again later
     */
    Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline);

    /** The last {@code :}-separated part of an identity: the platform's own user id. */
    static String platformUserId(String identity) {
        return identity.substring(identity.lastIndexOf(':') + 1);
    }
}
