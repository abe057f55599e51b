package com.communitypulse.welcome.platform;

import com.communitypulse.shared.github.GitHubAppJwt;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub App installation tokens, for welcoming as an app ({@code github_app_id} +
 * {@code github_app_private_key}) instead of with a personal token: a JWT signed with the app's key
 * (RS256, 9 minutes) buys a one-hour installation token, kept until 5 minutes before it expires.
 * The installation is {@code github_app_installation_id}, or looked up per repository
 * ({@code GET /repos/{owner}/{repo}/installation}) and remembered. The JWT and the key's PEM are
 * {@link GitHubAppJwt}'s (shared with the backfill); the requests go through the welcome's {@link RetryingHttp}.
 */
public final class GitHubAppTokens {
    private final URI apiUrl;
    private final String userAgent;
    private final RetryingHttp http;
    private final Map<String, String> installationByRepo = new ConcurrentHashMap<>();
    private final Map<String, Token> tokenByInstallation = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> keyByPem = new ConcurrentHashMap<>();

    private record Token(String value, Instant refreshAt) {
    }

    public GitHubAppTokens(URI apiUrl, String userAgent, RetryingHttp http) {
        this.apiUrl = apiUrl;
        this.userAgent = userAgent;
        this.http = http;
    }

    /** An installation token that can write to {@code owner/repo}. */
    public String token(PlatformTokens tokens, String owner, String repo, Instant deadline) {
        Instant now = http.clock().instant();
        PrivateKey key = keyByPem.computeIfAbsent(tokens.githubAppPrivateKey(), GitHubAppJwt::parsePrivateKey);
        String installation = tokens.githubAppInstallationId() != null && !tokens.githubAppInstallationId().isBlank()
                ? tokens.githubAppInstallationId().trim()
                : installationByRepo.get(owner + "/" + repo);
        if (installation == null) {
            try {
                JsonNode found = GitHubPoster.json(http.send(appRequest("GET",
                        URI.create(apiUrl + "/repos/" + owner + "/" + repo + "/installation"),
                        GitHubAppJwt.jwt(tokens.githubAppId(), key, now)),
                        http::standard, deadline));
                installation = found.path("id").asText(null);
            } catch (PermanentHttpFailure e) {
                throw new PermanentHttpFailure(e.status(), "GitHub App " + tokens.githubAppId() + " is not installed on "
                        + owner + "/" + repo + " (" + e.getMessage() + ")");
            }
            if (installation == null) {
                throw new PermanentHttpFailure(0, "GitHub gave no installation id for " + owner + "/" + repo);
            }
            installationByRepo.put(owner + "/" + repo, installation);
        }
        Token cached = tokenByInstallation.get(installation);
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached.value();
        }
        JsonNode minted = GitHubPoster.json(http.send(appRequest("POST",
                URI.create(apiUrl + "/app/installations/" + installation + "/access_tokens"),
                GitHubAppJwt.jwt(tokens.githubAppId(), key, now)),
                http::standard, deadline));
        String value = minted.path("token").asText(null);
        if (value == null) {
            throw new PermanentHttpFailure(0, "GitHub gave no installation token for installation " + installation);
        }
        Instant expires;
        try {
            expires = Instant.parse(minted.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            expires = now.plus(Duration.ofHours(1));
        }
        tokenByInstallation.put(installation, new Token(value, expires.minus(GitHubAppJwt.REFRESH_BEFORE_EXPIRY)));
        return value;
    }

    private OutboundRequest appRequest(String method, URI url, String jwt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + jwt);
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("User-Agent", userAgent);
        return new OutboundRequest(method, url, url.toString(), headers, Set.of("Authorization"), null);
    }
}
