package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub App installation tokens, for welcoming as an app ({@code github_app_id} +
 * {@code github_app_private_key}) instead of with a personal token: a JWT signed with the app's key
 * (RS256, 9 minutes) buys a one-hour installation token, kept until 5 minutes before it expires.
 * The installation is {@code github_app_installation_id}, or looked up per repository
 * ({@code GET /repos/{owner}/{repo}/installation}) and remembered.
 */
public final class GitHubAppTokens {
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

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
        PrivateKey key = keyByPem.computeIfAbsent(tokens.githubAppPrivateKey(), GitHubAppTokens::parsePrivateKey);
        String installation = tokens.githubAppInstallationId() != null && !tokens.githubAppInstallationId().isBlank()
                ? tokens.githubAppInstallationId().trim()
                : installationByRepo.get(owner + "/" + repo);
        if (installation == null) {
            try {
                JsonNode found = GitHubPoster.json(http.send(appRequest("GET",
                        URI.create(apiUrl + "/repos/" + owner + "/" + repo + "/installation"), jwt(tokens.githubAppId(), key, now)),
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
                URI.create(apiUrl + "/app/installations/" + installation + "/access_tokens"), jwt(tokens.githubAppId(), key, now)),
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
        tokenByInstallation.put(installation, new Token(value, expires.minus(REFRESH_BEFORE_EXPIRY)));
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

    /** The app's JWT: issued a minute in the past (clock drift), expiring after 9 minutes (GitHub allows 10). */
    static String jwt(String appId, PrivateKey key, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iat\":" + (now.getEpochSecond() - 60) + ",\"exp\":"
                + (now.getEpochSecond() + 540) + ",\"iss\":\"" + appId.trim().replace("\"", "") + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("GitHub App JWT could not be signed: " + e.getMessage(), e);
        }
    }

    /**
     * The app's private key: GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); PKCS#8
     * ({@code BEGIN PRIVATE KEY}) works too. The JDK reads only PKCS#8, so PKCS#1 is wrapped.
     */
    static PrivateKey parsePrivateKey(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String base64 = pem.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Never echo the key.
            throw new IllegalStateException("github_app_private_key is not an RSA private key in PEM form");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaEncryption);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
