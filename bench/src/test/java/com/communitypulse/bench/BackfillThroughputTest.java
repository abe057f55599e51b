package com.communitypulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.store.TableKeys;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The backfill section's split of calls and requests: by the table's real keys and GitHub's real paths. */
class BackfillThroughputTest {
    static final String SOURCE = BackfillThroughput.REPOSITORY;

    static String key(String pk, String sk) {
        return pk + " " + sk;
    }

    @Test
    void theBackfillsCallsAreToldApartByTheKeysItWrites() {
        assertEquals("checkpoint (state item)", BackfillThroughput.backfillPurpose(
                List.of(key(TableKeys.BACKFILL, TableKeys.backfillState("github", SOURCE)))));
        assertEquals("checkpoint (state item)", BackfillThroughput.backfillPurpose(List.of(TableKeys.BACKFILL)),
                "the Query of every state: its partition only");
        assertEquals("page marks", BackfillThroughput.backfillPurpose(
                List.of(key(TableKeys.backfill("github", SOURCE), "ETAG#/repos/" + SOURCE + "/issues?page=2"))));
        assertEquals("authors", BackfillThroughput.backfillPurpose(List.of(
                key(TableKeys.backfill("github", SOURCE), "AUTHOR#12"), key(TableKeys.backfill("github", SOURCE), "AUTHOR#13"))));
        assertEquals("other", BackfillThroughput.backfillPurpose(List.of(key(TableKeys.person("github:1"), TableKeys.PROFILE))));
    }

    @Test
    void theScorersCallsAreToldApartByTheirKeys() {
        String erased = key(TableKeys.erased(TableKeys.DEFAULT_ERASURE_SALT, "github:1"), TableKeys.ERASED);
        String threadAuthor = key(TableKeys.erased(TableKeys.DEFAULT_ERASURE_SALT, "github:2"), TableKeys.ERASED);
        String profile = key(TableKeys.person("github:1"), TableKeys.PROFILE);
        String activity = key(TableKeys.day(LocalDate.parse("2024-03-01")), "2024-03-01T10:00:00Z#github:x");
        assertEquals("erasure check", BackfillThroughput.scorerPurpose(List.of(erased, threadAuthor)));
        assertEquals("profile", BackfillThroughput.scorerPurpose(List.of(profile)));
        assertEquals("the action's transaction", BackfillThroughput.scorerPurpose(List.of(activity, profile)));
        assertEquals("activity (events published)", BackfillThroughput.scorerPurpose(List.of(activity)));
    }

    @Test
    void githubRequestsAreCountedByTheListTheyRead() {
        String base = "/repos/" + SOURCE;
        Map<String, Integer> lists = BackfillThroughput.byList(List.of("/rate_limit", base,
                base + "/issues?state=all&sort=updated&direction=asc&per_page=100",
                base + "/issues?state=all&sort=updated&direction=asc&per_page=100&since=2024-01-02T00%3A00%3A00Z",
                base + "/issues/comments?sort=updated&per_page=100", base + "/issues/17",
                base + "/pulls/comments?per_page=100", base + "/pulls?state=all&per_page=25",
                base + "/pulls/3/reviews?per_page=100", base + "/pulls/6/reviews?per_page=100",
                base + "/stargazers?per_page=100", "/repos/someone/else"));
        assertEquals(2, lists.get(BackfillThroughput.ISSUES));
        assertEquals(1, lists.get(BackfillThroughput.COMMENTS));
        assertEquals(1, lists.get(BackfillThroughput.ISSUE_LOOKUPS));
        assertEquals(1, lists.get(BackfillThroughput.REVIEW_COMMENTS));
        assertEquals(1, lists.get(BackfillThroughput.PULLS));
        assertEquals(2, lists.get(BackfillThroughput.REVIEWS));
        assertEquals(1, lists.get(BackfillThroughput.STARS));
        assertEquals(1, lists.get(BackfillThroughput.REPOSITORY_GET));
        assertEquals(1, lists.get(BackfillThroughput.RATE_LIMIT_GET));
        assertEquals(1, lists.get("other: `/repos/someone/else`"));
    }

    @Test
    void eachApiCallIsCountedOnceWithItsItemsAndItsFailure() {
        DynamoCalls calls = new DynamoCalls(BackfillThroughput::backfillPurpose);
        // nothing listens on port 1: every call fails after the interceptor saw it, and is not retried
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(calls)).build()) {
            String pk = TableKeys.backfill("github", SOURCE);
            List<WriteRequest> authors = List.of(write(pk, "AUTHOR#1"), write(pk, "AUTHOR#2"), write(pk, "AUTHOR#3"));
            assertThrows(SdkClientException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of("t", authors))));
            assertThrows(SdkClientException.class, () -> dynamo.getItem(g -> g.tableName("t").key(Map.of(
                    "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ETAG#/repos/x/issues")))));
            assertThrows(SdkClientException.class, () -> dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName("t").item(item(pk, "AUTHOR#4")).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName("t").item(item(pk, "AUTHOR#5")).build()).build())));
        }
        Map<String, DynamoCalls.Tally> tallies = calls.tallies();
        assertEquals(new DynamoCalls.Tally(1, 3, 1), tallies.get("authors|BatchWriteItem"));
        assertEquals(new DynamoCalls.Tally(1, 1, 1), tallies.get("page marks|GetItem"));
        assertEquals(new DynamoCalls.Tally(1, 2, 1), tallies.get("authors|TransactWriteItems"));
        assertEquals(3, tallies.size());
        assertEquals(Map.of("authors|BatchWriteItem", new DynamoCalls.Tally(1, 3, 1)),
                DynamoCalls.minus(tallies, Map.of("page marks|GetItem", tallies.get("page marks|GetItem"),
                        "authors|TransactWriteItems", tallies.get("authors|TransactWriteItems"))));
    }

    static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static WriteRequest write(String pk, String sk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item(pk, sk)).build()).build();
    }
}
