package com.communitypulse.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.reconcile.platform.StandInGitHub;
import com.communitypulse.shared.config.Env;
import com.communitypulse.testkit.ContributorTable;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler built from its environment only, as Lambda and the local runner build it (SECRETS_PROVIDER=env). */
class ReconcileHandlerIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @Test
    void aScheduledEventRunsTheReconcilerFromItsEnvironmentAndAnswersTheSummary() throws Exception {
        try (StandInGitHub github = new StandInGitHub()) {
            github.failed("/repos/octo-org/hello/hooks/7", "guid-a", Instant.now().minus(Duration.ofHours(1)), 503);
            // the table's region, access key and endpoint: DynamoDB Local keeps a database per access key and region
            Map<String, String> env = new HashMap<>(TABLE.env());
            env.putAll(Map.of("GITHUB_API_URL", github.url(), "GITHUB_TOKEN", StandInGitHub.TOKEN, "SECRETS_PROVIDER", "env",
                    "GITHUB_RECONCILE_HOOKS", "repo:octo-org/hello:7", "POWERTOOLS_METRICS_NAMESPACE", "CommunityPulseTest"));

            Map<String, Object> out = new ReconcileHandler(new Env(env)).handleRequest(
                    Map.of("detail-type", "Scheduled Event", "source", "aws.events"), null);

            assertEquals(1, out.get("redelivery_requested"), out.toString());
            assertEquals(1, out.get("seen"), out.toString());
            assertEquals(1, github.redeliveries().size());

            // the deployed way: no token in the environment and no secret named is a clear error, not a silent skip
            env.remove("GITHUB_TOKEN");
            var noToken = assertThrows(IllegalStateException.class,
                    () -> new ReconcileHandler(new Env(env)).handleRequest(Map.of(), null));
            assertTrue(noToken.getMessage().contains("No GitHub token"), noToken.getMessage());
        }
    }
}
