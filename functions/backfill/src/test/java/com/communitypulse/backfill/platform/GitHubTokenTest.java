package com.communitypulse.backfill.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.platform.GitHubToken.App;
import com.communitypulse.backfill.platform.GitHubToken.Plain;
import com.communitypulse.shared.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the backfill's credentials come from: a plain token wins, a GitHub App when there is none. */
class GitHubTokenTest {
    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";

    @Test
    void theEnvironmentsPlainTokenWinsOverAnApp() {
        var env = new Env(Map.of("GITHUB_TOKEN", "ghp_general", "GITHUB_BACKFILL_TOKEN", "ghp_backfill",
                "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", PEM, "SECRETS_PROVIDER", "env"));
        assertEquals(new Plain("ghp_backfill"), GitHubToken.fromEnv(env).credentials());
    }

    @Test
    void anAppInTheEnvironmentWithItsPemsLineBreaksAsBackslashN() {
        var env = new Env(Map.of("GITHUB_APP_ID", " 123456 ", "GITHUB_APP_PRIVATE_KEY", PEM.replace("\n", "\\n"),
                "GITHUB_APP_INSTALLATION_ID", "42", "SECRETS_PROVIDER", "env"));
        assertEquals(new App("123456", PEM, "42"), GitHubToken.fromEnv(env).credentials());
    }

    @Test
    void nothingIsAnErrorThatNamesBothWays() {
        var refused = assertThrows(GitHubRest.Refused.class,
                () -> GitHubToken.fromEnv(new Env(Map.of("GITHUB_APP_ID", "1", "SECRETS_PROVIDER", "env"))).credentials());
        assertTrue(refused.getMessage().contains("github_backfill_token") && refused.getMessage().contains("github_app_id")
                && refused.getMessage().contains("GITHUB_APP_PRIVATE_KEY"), refused.getMessage());
    }

    @Test
    void theSecretsPlainTokenWinsElseItsApp() {
        assertEquals(new Plain("ghp_b"), GitHubToken.parse("{\"github_token\":\"ghp_g\",\"github_backfill_token\":\"ghp_b\","
                + "\"github_app_id\":\"1\",\"github_app_private_key\":\"k\"}", "tokens"));
        assertEquals(new Plain("ghp_g"), GitHubToken.parse("{\"github_token\":\"ghp_g\",\"github_backfill_token\":\" \"}",
                "tokens"));
        assertEquals(new App("123456", PEM, null), GitHubToken.parse("{\"github_token\":\"\",\"github_app_id\":123456,"
                + "\"github_app_private_key\":\"" + PEM.replace("\n", "\\n") + "\",\"slack_bot_token\":\"xoxb\"}", "tokens"));
        assertEquals(new App("7", PEM, "42"), GitHubToken.parse("{\"github_app_id\":\"7\",\"github_app_installation_id\":42,"
                + "\"github_app_private_key\":\"" + PEM.replace("\n", "\\n") + "\"}", "tokens"));
    }

    @Test
    void aSecretWithNeitherIsAnErrorThatDoesNotQuoteIt() {
        for (String json : new String[] {"{\"github_app_id\":\"1\"}", "{\"github_app_private_key\":\"" + "s3cr3t" + "\"}",
                "s3cr3t, not JSON", "[\"s3cr3t\"]"}) {
            var refused = assertThrows(GitHubRest.Refused.class,
                    () -> GitHubToken.parse(json, "community-pulse/platform-tokens"));
            assertEquals("secret community-pulse/platform-tokens is not a JSON object with \"github_backfill_token\" or "
                    + "\"github_token\", or \"github_app_id\" and \"github_app_private_key\"", refused.getMessage());
        }
    }

    @Test
    void theCredentialsNeverPrintTheirSecrets() {
        assertFalse(new App("1", PEM, null).toString().contains("MIIEow"));
        assertFalse(new Plain("ghp_secret").toString().contains("ghp_secret"));
    }
}
