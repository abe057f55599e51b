package com.communitypulse.shared.figures;

import com.communitypulse.shared.store.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The GitHub reconciler's ingest counts of a week ({@code INGEST#{week}}, see {@link TableKeys}): deliveries
 * GitHub made, and how many that never reached us were recovered by asking GitHub to redeliver them.
 */
public record IngestCounts(int seen, int failed, int requested, int recovered, int lost, boolean incomplete) {

    public static IngestCounts of(Map<String, AttributeValue> item) {
        AttributeValue incomplete = item.get("incomplete");
        return new IngestCounts(n(item, TableKeys.INGEST_SEEN), n(item, TableKeys.INGEST_FAILED), n(item, TableKeys.INGEST_REQUESTED),
                n(item, TableKeys.INGEST_RECOVERED), n(item, TableKeys.INGEST_LOST),
                incomplete != null && Boolean.TRUE.equals(incomplete.bool()));
    }

    /** "N deliveries, M recovered", then what failed and what was lost when there was any. */
    public String line() {
        StringBuilder line = new StringBuilder();
        line.append(incomplete ? "at least " : "").append(seen).append(seen == 1 ? " delivery, " : " deliveries, ")
                .append(recovered).append(" recovered");
        if (failed > 0) {
            line.append(" (").append(failed).append(" failed at first)");
        }
        if (lost > 0) {
            line.append(", ").append(lost).append(" lost");
        }
        return line.toString();
    }

    private static int n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }
}
