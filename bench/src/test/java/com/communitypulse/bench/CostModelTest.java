package com.communitypulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.devkit.CfnTemplate;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The idle table prices the secrets of one layout, read from the template, and nothing that is not a secret. */
class CostModelTest {
    @Test
    void theIdleSecretsAreTheOneSecretLayoutWithThePerPlatformOneBesideIt() {
        CostModel.Stack stack = CostModel.Stack.read(CfnTemplate.load(CfnTemplate.locate(Path.of(""))));
        assertEquals(Set.of("WebhookSecretsSecretName", "PlatformTokensSecretName", "ErasureSaltSecret"), stack.secrets(),
                "the webhook's five in one JSON secret, the welcome's tokens, the generated salt");
        assertEquals(Set.of("GitHubWebhookSecretName", "DiscourseWebhookSecretName", "DiscordPublicKeySecretName",
                "SlackSigningSecretName", "CommunityWebhookSecretName", "PlatformTokensSecretName", "ErasureSaltSecret"),
                stack.perPlatformSecrets(), "one secret per platform, the one-secret parameter left empty");
    }
}
