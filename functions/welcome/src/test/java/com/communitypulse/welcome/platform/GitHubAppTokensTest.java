package com.communitypulse.welcome.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GitHubAppTokensTest {
    @Test
    void gitHubsPkcs1KeyAndPkcs8ReadTheSame() {
        assertEquals(AppKeys.keys.getPrivate(), GitHubAppTokens.parsePrivateKey(AppKeys.pkcs1Pem()));
        assertEquals(AppKeys.keys.getPrivate(), GitHubAppTokens.parsePrivateKey(AppKeys.pkcs8Pem()));
    }

    @Test
    void theJwtIsSignedRs256WithTheAppIdAndANineMinuteLife() throws Exception {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        String jwt = GitHubAppTokens.jwt("123456", GitHubAppTokens.parsePrivateKey(AppKeys.pkcs1Pem()), now);

        assertTrue(AppKeys.verifies(jwt, AppKeys.keys.getPublic()));
        var header = Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        var claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("123456", claims.get("iss").asText());
        assertEquals(now.getEpochSecond() - 60, claims.get("iat").asLong());
        assertEquals(now.getEpochSecond() + 540, claims.get("exp").asLong());
    }

    @Test
    void aBrokenKeyIsAClearErrorThatDoesNotEchoIt() {
        var thrown = assertThrows(IllegalStateException.class,
                () -> GitHubAppTokens.parsePrivateKey("-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----"));
        assertFalse(thrown.getMessage().contains("bm90IGEga2V5"));
    }
}
