package com.communitypulse.digest;

import com.communitypulse.shared.config.Env;
import com.communitypulse.testkit.ContributorTable;
import java.util.HashMap;
import java.util.Map;

/** The digest's environment on a test table: the table's, plus a sender, recipients and a metrics namespace. */
final class DigestEnv {
    private DigestEnv() {
    }

    static Env of(ContributorTable table, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(table.env());
        env.putAll(Map.of(
                "DIGEST_SENDER", "pulse@example.org",
                "DIGEST_RECIPIENTS", "maintainers@example.org, lead@example.org",
                "POWERTOOLS_METRICS_NAMESPACE", "CommunityPulseTest"));
        env.putAll(extra);
        return new Env(env);
    }
}
