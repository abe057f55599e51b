package com.communitypulse.backfill.platform;

import com.communitypulse.backfill.platform.GitHubToken.App;
import com.communitypulse.shared.github.GitHubAppJwt;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub App's installation tokens, as the backfill reads with them: the app's JWT ({@link GitHubAppJwt}) finds
 * the repository's installation ({@code GET /repos/{owner}/{repo}/installation}, remembered; or the configured
 * {@code github_app_installation_id}) and buys a one-hour token for it ({@code POST
 * /app/installations/{id}/access_tokens}), kept until {@link GitHubAppJwt#REFRESH_BEFORE_EXPIRY} before it expires.
 * These calls go to the same base URL as the reads but are the app's (its JWT), not the installation token's: they
 * spend nothing of the installation's rate limit, so they are neither observed by the rate budget nor in
 * {@link GitHubRest.Spend}. One attempt each: a 5xx or a broken connection is
 * {@link GitHubRest.Unavailable}, which {@link GitHubRest#get} retries as it retries a read.
 */
final class InstallationTokens {
    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);

    private record Minted(String value, Instant refreshAt) {
    }

    private record Key(String pem, PrivateKey key) {
    }

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;
    private final Clock clock;
    /** By app id and repository. */
    private final Map<String, String> installationByRepo = new ConcurrentHashMap<>();
    /** By app id and installation. */
    private final Map<String, Minted> tokenByInstallation = new ConcurrentHashMap<>();
    private volatile Key key;

    InstallationTokens(HttpClient client, URI base, Duration timeout, Clock clock) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A token that reads {@code repository} ({@code owner/name}; may be null when the installation is configured). */
    String token(App app, String repository) {
        String installation = app.installationId() != null ? app.installationId() : installation(app, repository);
        String cacheKey = app.appId() + " " + installation;
        Minted cached = tokenByInstallation.get(cacheKey);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached.value();
        }
        HttpResponse<String> answer = send("POST", "/app/installations/" + installation + "/access_tokens", app);
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            if (app.installationId() == null) {
                installationByRepo.remove(app.appId() + " " + repository); // uninstalled, reinstalled: looked up again
            }
            throw failure(answer, app, app.installationId() != null
                    ? "GitHub App " + app.appId() + " has no installation " + installation + " (github_app_installation_id)"
                    : "GitHub App " + app.appId() + " could not mint a token for installation " + installation);
        }
        JsonNode minted = json(answer);
        String value = minted.path("token").asText(null);
        if (value == null || value.isBlank()) {
            throw new GitHubRest.Refused(0, "GitHub gave no installation token for installation " + installation);
        }
        Instant expires;
        try {
            expires = Instant.parse(minted.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            expires = now.plus(Duration.ofHours(1));
        }
        tokenByInstallation.put(cacheKey, new Minted(value, expires.minus(GitHubAppJwt.REFRESH_BEFORE_EXPIRY)));
        LOG.info("GitHub App {}: installation {} token minted, expires {}", app.appId(), installation, expires);
        return value;
    }

    /** GitHub refused {@code token} (revoked before it expired): the next {@link #token} mints a fresh one. */
    void forget(String token) {
        tokenByInstallation.values().removeIf(minted -> minted.value().equals(token));
    }

    private String installation(App app, String repository) {
        if (repository == null) {
            throw new GitHubRest.Refused(0, "GitHub App " + app.appId() + ": a token is minted for a repository's "
                    + "installation, and none was given (or set github_app_installation_id)");
        }
        String cacheKey = app.appId() + " " + repository;
        String known = installationByRepo.get(cacheKey);
        if (known != null) {
            return known;
        }
        HttpResponse<String> answer = send("GET", "/repos/" + repository + "/installation", app);
        if (answer.statusCode() != 200) {
            throw failure(answer, app, "GitHub App " + app.appId() + " is not installed on " + repository);
        }
        JsonNode id = json(answer).path("id");
        if (!id.canConvertToLong()) {
            throw new GitHubRest.Refused(0, "GitHub gave no installation id for " + repository);
        }
        installationByRepo.put(cacheKey, id.asText());
        return id.asText();
    }

    private HttpResponse<String> send(String method, String path, App app) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + GitHubAppJwt.jwt(app.appId(), privateKey(app), clock.instant()))
                .header("Accept", GitHubRest.JSON)
                .header("X-GitHub-Api-Version", GitHubRest.API_VERSION)
                .header("User-Agent", GitHubRest.USER_AGENT)
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitHubRest.Unavailable("GitHub " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubRest.Unavailable("GitHub " + path + " was interrupted");
        }
    }

    /** The app's key, read once per PEM (a rotated secret brings a new one). */
    private PrivateKey privateKey(App app) {
        Key known = key;
        if (known != null && known.pem().equals(app.privateKeyPem())) {
            return known.key();
        }
        try {
            PrivateKey parsed = GitHubAppJwt.parsePrivateKey(app.privateKeyPem());
            key = new Key(app.privateKeyPem(), parsed);
            return parsed;
        } catch (IllegalStateException e) {
            // the message names the field, never the key
            throw new GitHubRest.Refused(0, "GitHub App " + app.appId() + ": " + e.getMessage());
        }
    }

    /** What a refusal of the app's calls means; the JWT is never in it. */
    private RuntimeException failure(HttpResponse<String> answer, App app, String what) {
        int status = answer.statusCode();
        String said = "HTTP " + status + ": " + GitHubRest.message(answer.body());
        if (status >= 500) {
            return new GitHubRest.Unavailable(what + " (" + said + ")");
        }
        Optional<Instant> limited = GitHubRest.rateLimited(answer, clock);
        if (limited.isPresent()) {
            return new GitHubRest.Limited("GitHub rate limited GitHub App " + app.appId() + " (" + said + ") until "
                    + limited.get(), limited.get(), answer.headers().firstValue("retry-after").isPresent());
        }
        if (status == 401) {
            return new GitHubRest.Refused(401, "GitHub refused the JWT of GitHub App " + app.appId() + " (" + said
                    + "): github_app_private_key is not that app's key, github_app_id is wrong, or the clock is off");
        }
        return new GitHubRest.Refused(status, what + " (" + said + ")");
    }

    private static JsonNode json(HttpResponse<String> answer) {
        try {
            JsonNode node = Json.mapper().readTree(answer.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // below
        }
        throw new GitHubRest.Refused(answer.statusCode(), "GitHub's answer for " + answer.uri().getPath() + " is not JSON");
    }
}
