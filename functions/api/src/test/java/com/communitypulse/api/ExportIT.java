package com.communitypulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.api.domain.CsvReading;
import com.communitypulse.api.domain.PersonRow;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.api.store.Eraser;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.ErasedItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The exports against DynamoDB Local: 1,200 people (testkit's {@link Items}, as the scorer leaves them) paged out
 * 500 at a time in 3 pages, every person who was not erased exactly once; three people erased by the api's
 * {@link Eraser} and one whose erasure stopped after its markers never; a bot and a linked identity's pointer are
 * not people; actions by day range, tier changes left out. Every request's DynamoDB calls are recorded: Queries
 * and BatchGetItems only, each page's reads bounded by its {@code limit}, and bad input reads nothing.
 */
class ExportIT {
    private static final String SALT = "export-it-salt";
    private static final int PEOPLE = 1200;
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    /** Every DynamoDB call made, as (request, response): cleared before each export request. */
    private static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            CALLS.add(new Object[] {context.request(), context.response()});
        }
    });

    private static final Set<String> ERASED = Set.of(id(10), id(11), id(12));
    private static final String INTERRUPTED = id(13);
    private static final Set<String> EXPECTED_PEOPLE = new TreeSet<>();
    /** The actions on 2026-11-02 to 2026-11-08 that are exported, in time order. */
    private static final List<String> EXPECTED_ACTIONS = new ArrayList<>();
    private static final List<String> ALL_ACTIONS = new ArrayList<>();
    private static ApiHandler handler;

    private static String id(int i) {
        return "github:" + (100000 + i);
    }

    @BeforeAll
    static void seed() {
        DynamoDbClient dynamo = TABLE.client();
        String table = TABLE.name();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            // scores in 0.0 .. 3.6 with many ties, so pages break inside runs of equal lb_score; people 1-5, whose
            // lines the tests look at, score 0, so they are among the 38 at the head of the export (lowest first)
            String score = i >= 1 && i <= 5 ? "0" : new BigDecimal(i % 37).movePointLeft(1).toPlainString();
            String login = switch (i) {
                case 1 -> "=1+1";
                case 2 -> "a,\"b\"";
                default -> "user" + i;
            };
            var person = Items.person(id(i)).login(login).score(score).count("comment", i % 5 + 1)
                    .count("pr_merged", i % 3).tier("User", "2026-10-01T10:00:00Z", "first action (comment)")
                    .firstSeen("2026-10-01T10:00:00Z").lastActive("2026-11-0" + (i % 9 + 1) + "T10:00:00Z");
            if (i == 3) {
                person.identity("discord:77", "octo_dc");
            }
            if (i >= 10 && i <= 13) { // the erased and the interrupted act on 4 November
                person.week(TableKeys.isoWeek(Instant.parse("2026-11-04T10:00:00Z")), score, "2026-11-04");
            }
            // the PROFILE (and a WEEK# for the erasure to find its day); LOGIN# items are not what an export reads
            items.addAll(person.items().stream().filter(item -> !item.get(TableKeys.PK).s().startsWith("LOGIN#")).toList());
            if (!ERASED.contains(id(i)) && !INTERRUPTED.equals(id(i))) {
                EXPECTED_PEOPLE.add(id(i));
            }
        }
        items.addAll(Items.person("discord:77").login("octo_dc").linkedTo(id(3), "2026-11-05T12:00:00Z").items());
        items.addAll(Items.person("github:999999").login("dependabot[bot]").bot().count("pr_merged", 9)
                .firstSeen("2026-10-01T10:00:00Z").lastActive("2026-11-19T10:00:00Z").items());

        // three actions a day from 1 to 10 November by people 20-22; a tier change on the 3rd; a link on the 5th
        for (int day = 1; day <= 10; day++) {
            for (int n = 0; n < 3; n++) {
                String actionId = "d" + day + "-" + n;
                String ts = String.format("2026-11-%02dT%02d:00:00Z", day, 9 + n);
                items.addAll(Items.activity(actionId, ts).by(id(20 + n), "user" + (20 + n)).type("comment")
                        .repo("octo-org/hello").impact("0.1").url("https://github.com/octo-org/hello/issues/" + day)
                        .length(12).items());
                ALL_ACTIONS.add(actionId);
                if (day >= 2 && day <= 8) {
                    EXPECTED_ACTIONS.add(actionId);
                }
            }
            if (day == 3) {
                items.addAll(Items.tierChange("d3-2", "2026-11-03T11:00:00Z", "User", "Contributor", "pr_merged")
                        .by(id(22), "user22").items());
            }
            if (day == 4) {
                for (int erased = 10; erased <= 13; erased++) {
                    items.addAll(Items.activity("e" + erased, "2026-11-04T12:0" + (erased - 10) + ":00Z")
                            .by(id(erased), "user" + erased).type("issue_opened").impact("0.3").items());
                }
            }
            if (day == 5) {
                items.addAll(Items.link("l1", "2026-11-05T12:00:00Z", "github:@user3", "linked to " + id(3))
                        .by("discord:77", "octo_dc").person(id(3)).items());
                EXPECTED_ACTIONS.add("l1");
                ALL_ACTIONS.add("l1");
            }
        }
        batchWrite(dynamo, table, items);
        // a CRM id, as a later change will set it
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.person(id(4))), TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))
                .updateExpression("SET #c = :c").expressionAttributeNames(Map.of("#c", ProfileItem.CRM_ID))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CRM-0004"))));

        Eraser eraser = new Eraser(dynamo, table, SALT);
        ERASED.forEach(eraser::erase);
        // an erasure that stopped after its markers (written first): the profile and activity are still there
        dynamo.putItem(r -> r.tableName(table).item(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.erased(SALT, INTERRUPTED)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.ERASED), ErasedItem.ERASED_AT, AttributeValue.fromS(NOW.toString()))));
        handler = new ApiHandler(new ContributorReader(dynamo, table), ScoringConfig.defaults(), new MutableClock(NOW),
                ResponseDebt.DEFAULT_TARGET, false, SALT);
    }

    private static void batchWrite(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static APIGatewayProxyResponseEvent get(String file, Map<String, String> query) {
        CALLS.clear();
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/admin/export/" + file).withResource("/admin/export/{file}")
                .withPathParameters(Map.of("file", file)).withQueryStringParameters(query.isEmpty() ? null : query)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("prod")
                        .withPath("/prod/admin/export/" + file)), null);
    }

    private static List<String> operations() {
        return CALLS.stream().map(call -> call[0].getClass().getSimpleName().replaceAll("Request$", "")).toList();
    }

    /** Items the request's Queries read (ScannedCount: before the filter), and its Queries' limits. */
    private static int itemsQueried() {
        return CALLS.stream().filter(call -> call[1] instanceof QueryResponse)
                .mapToInt(call -> ((QueryResponse) call[1]).scannedCount()).sum();
    }

    private static Map<String, String> nextFromLink(APIGatewayProxyResponseEvent response, String file) {
        String link = response.getHeaders().get("Link");
        if (link == null) {
            return null;
        }
        Matcher m = Pattern.compile("<(/prod/admin/export/" + Pattern.quote(file) + ")\\?([^>]*)>; rel=\"next\"").matcher(link);
        assertTrue(m.matches(), link);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : m.group(2).split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(response.getHeaders().get(ExportRoutes.NEXT_CURSOR), query.get("cursor"), "Link and X-Next-Cursor agree");
        return query;
    }

    @Test
    void peopleAsJsonLinesInThreePagesEveryoneOnceTheErasedNeverWithTheirIdentitiesCountsAndCrmId() throws Exception {
        List<String> ids = new ArrayList<>();
        List<BigDecimal> scores = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Map<String, String> query = Map.of("limit", "500");
        while (query != null) {
            APIGatewayProxyResponseEvent response = get("people.jsonl", query);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("application/x-ndjson", response.getHeaders().get("Content-Type"));
            assertEquals("no-store", response.getHeaders().get("Cache-Control"));
            String body = response.getBody();
            assertTrue(body.isEmpty() || body.endsWith("\n"), "every line ends in a newline");
            int lines = 0;
            for (String line : body.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode person = Json.mapper().readTree(line);
                ids.add(person.path("id").asText());
                byId.put(person.path("id").asText(), person);
                scores.add(new BigDecimal(person.path("score").asText()));
                lines++;
            }
            pageSizes.add(lines);
            // one Query of at most 500 keys on the board, then BatchGetItems (profiles, markers): never a Scan
            List<String> ops = operations();
            assertEquals(1, ops.stream().filter("Query"::equals).count(), ops.toString());
            assertTrue(ops.stream().allMatch(op -> op.equals("Query") || op.equals("BatchGetItem")), ops.toString());
            assertEquals(500, CALLS.stream().filter(c -> c[0] instanceof QueryRequest).mapToInt(c -> ((QueryRequest) c[0]).limit()).sum());
            assertTrue(itemsQueried() <= 500);
            query = nextFromLink(response, "people.jsonl");
            if (query != null) {
                assertEquals("500", query.get("limit"), "the next page keeps the limit");
            }
        }
        // 1,197 on the board (the interrupted erasure's person is still there, read and left out): 500, 500, 197 read
        assertEquals(3, pageSizes.size(), "pages of 500: " + pageSizes);
        assertEquals(EXPECTED_PEOPLE.size(), pageSizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "nobody twice");
        assertEquals(EXPECTED_PEOPLE, new TreeSet<>(ids), "everyone not erased, and not the bot nor the linked identity");
        List<BigDecimal> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        assertEquals(sorted, scores, "lowest score first");

        // a person's line: every identity and login (a linked one's too), counts by type, the CRM id or null
        JsonNode linked = byId.get(id(3));
        assertEquals("[\"discord:77\",\"github:100003\"]", linked.path("identities").toString());
        assertEquals("[\"discord:@octo_dc\",\"github:@user3\"]", linked.path("logins").toString());
        assertEquals("[\"discord\",\"github\"]", linked.path("platforms").toString());
        assertEquals("{\"comment\":4,\"pr_merged\":0}", linked.path("counts").toString());
        assertEquals("User", linked.path("tier").asText());
        assertEquals("0", linked.path("score").asText());
        assertEquals("2026-10-01T10:00:00Z", linked.path("first_seen").asText());
        assertEquals("2026-11-04T10:00:00Z", linked.path("last_active").asText());
        assertTrue(linked.get("crm_id").isNull(), "no CRM id: null");
        assertEquals("CRM-0004", byId.get(id(4)).path("crm_id").asText());
    }

    @Test
    void theCrmIdFilterKeepsEachPagesPeopleWithOrWithoutOne() throws Exception {
        for (String filter : List.of("present", "absent")) {
            Set<String> ids = new TreeSet<>();
            int pages = 0;
            Map<String, String> query = Map.of("limit", "500", "crm_id", filter);
            while (query != null) {
                APIGatewayProxyResponseEvent response = get("people.jsonl", query);
                assertEquals(200, response.getStatusCode(), response.getBody());
                for (String line : response.getBody().split("\n")) {
                    if (!line.isEmpty()) {
                        JsonNode person = Json.mapper().readTree(line);
                        assertEquals(filter.equals("present"), !person.get("crm_id").isNull(), line);
                        ids.add(person.path("id").asText());
                    }
                }
                pages++;
                query = nextFromLink(response, "people.jsonl");
                if (query != null) {
                    assertEquals(filter, query.get("crm_id"), "the next page keeps the filter");
                }
            }
            // filtered per page: the same 3 pages are read, fewer people come out
            assertEquals(3, pages, filter);
            Set<String> expected = new TreeSet<>(EXPECTED_PEOPLE);
            if (filter.equals("present")) {
                expected.retainAll(Set.of(id(4)));
            } else {
                expected.remove(id(4));
            }
            assertEquals(expected, ids, filter);
        }
        StringBuilder file = new StringBuilder();
        Map<String, String> query = Map.of("limit", "1000", "crm_id", "present");
        while (query != null) {
            APIGatewayProxyResponseEvent csv = get("people.csv", query);
            file.append(csv.getBody());
            query = nextFromLink(csv, "people.csv");
        }
        List<List<String>> records = CsvReading.records(file.toString());
        assertEquals(2, records.size(), "the header and the one person with a CRM id: " + records);
        assertEquals("CRM-0004", records.get(1).get(records.get(0).indexOf("crm_id")));
    }

    @Test
    void peopleAsCsvPagesConcatenateIntoOneFileWithOneHeader() {
        // two pages of 40 (the whole table's paging is the JSON lines test's: the same reader and cursor)
        APIGatewayProxyResponseEvent first = get("people.csv", Map.of("limit", "40"));
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals("text/csv; charset=utf-8", first.getHeaders().get("Content-Type"));
        assertEquals("no-store", first.getHeaders().get("Cache-Control"));
        String cursor = first.getHeaders().get(ExportRoutes.NEXT_CURSOR);
        assertNotNull(cursor);
        Map<String, String> next = nextFromLink(first, "people.csv");
        assertEquals(Map.of("limit", "40", "cursor", cursor), next);
        APIGatewayProxyResponseEvent second = get("people.csv", next);
        assertEquals(200, second.getStatusCode(), second.getBody());

        List<List<String>> records = CsvReading.records(first.getBody() + second.getBody());
        List<String> header = PersonRow.csvHeader();
        assertEquals(header, records.get(0));
        assertEquals(1 + 40 + 40, records.size(), "a header, then one record per person of both pages");
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertEquals(header.size(), record.size());
            assertFalse(record.equals(header), "the header comes once, with the first page");
            byId.put(record.get(0), record);
        }
        assertEquals(80, byId.size(), "the second page goes on where the first ended");
        int login = header.indexOf("login");
        assertEquals("'=1+1", byId.get(id(1)).get(login), "a formula from a login is guarded");
        assertEquals("a,\"b\"", byId.get(id(2)).get(login), "quoted and read back whole");
        assertEquals("CRM-0004", byId.get(id(4)).get(header.indexOf("crm_id")));
        assertEquals("", byId.get(id(5)).get(header.indexOf("crm_id")), "no CRM id: an empty cell");
        assertEquals("discord:77;github:100003", byId.get(id(3)).get(header.indexOf("identities")));
        assertEquals("discord:@octo_dc;github:@user3", byId.get(id(3)).get(header.indexOf("logins")));
        assertEquals("4", byId.get(id(3)).get(header.indexOf("count_comment")));
        assertEquals("0", byId.get(id(3)).get(header.indexOf("count_pr_merged")));
        assertEquals("0", byId.get(id(3)).get(header.indexOf("score")));
    }

    @Test
    void actionsOfARangeInSmallPagesEachOnceInTimeOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, String> query = Map.of("from", "2026-11-02", "to", "2026-11-08", "limit", "4");
        int pages = 0;
        while (query != null) {
            APIGatewayProxyResponseEvent response = get("actions.jsonl", query);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("application/x-ndjson", response.getHeaders().get("Content-Type"));
            for (String line : response.getBody().split("\n")) {
                if (!line.isEmpty()) {
                    JsonNode action = Json.mapper().readTree(line);
                    assertFalse(action.path("type").asText().equals(TableKeys.TIER_CHANGED), "tier changes are not actions");
                    ids.add(action.path("id").asText());
                }
            }
            assertTrue(itemsQueried() <= 4, "a page reads at most its limit: " + itemsQueried());
            assertTrue(operations().stream().allMatch(op -> op.equals("Query") || op.equals("BatchGetItem")), operations().toString());
            pages++;
            query = nextFromLink(response, "actions.jsonl");
            if (query != null) {
                assertEquals("2026-11-02", query.get("from"));
                assertEquals("2026-11-08", query.get("to"));
            }
        }
        assertEquals(EXPECTED_ACTIONS, ids, "every action of 2 to 8 November once, in time order, none of the erased");
        assertTrue(pages >= 6, "25 items of 4 a page: " + pages);
    }

    @Test
    void anActionLineCarriesWhoWhatWhereAndThePoints() throws Exception {
        APIGatewayProxyResponseEvent response = get("actions.jsonl", Map.of("from", "2026-11-05", "to", "2026-11-05"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.getBody().split("\n")) {
            lines.add(Json.mapper().readTree(line));
        }
        assertEquals(List.of("d5-0", "d5-1", "d5-2", "l1"), lines.stream().map(l -> l.path("id").asText()).toList());
        JsonNode comment = lines.get(0);
        assertEquals("2026-11-05T09:00:00Z", comment.path("ts").asText());
        assertEquals("comment", comment.path("type").asText());
        assertEquals(id(20), comment.path("person").asText());
        assertEquals(id(20), comment.path("actor").asText());
        assertEquals("user20", comment.path("login").asText());
        assertEquals("octo-org/hello", comment.path("repo").asText());
        assertEquals(0.1, comment.path("impact").asDouble());
        assertEquals(12, comment.path("length").asInt());
        assertEquals("https://github.com/octo-org/hello/issues/5", comment.path("url").asText());
        assertTrue(comment.get("target").isNull());
        JsonNode link = lines.get(3);
        assertEquals("identity_linked", link.path("type").asText());
        assertEquals("discord:77", link.path("actor").asText());
        assertEquals(id(3), link.path("person").asText());
        assertEquals("linked to " + id(3), link.path("link_result").asText());
        assertFalse(comment.has("expires_at") || comment.has("events_published"), "the table's bookkeeping stays in");
        assertNull(response.getHeaders().get(ExportRoutes.NEXT_CURSOR), "one page holds the day");
    }

    @Test
    void aQuarterIsOneQueryPerDayAtMost() {
        APIGatewayProxyResponseEvent response = get("actions.jsonl", Map.of("from", "2026-10-01", "to", "2026-12-31", "limit", "1000"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(ALL_ACTIONS.size(), response.getBody().split("\n").length, "every action of the table but the erased");
        assertEquals(92, operations().stream().filter("Query"::equals).count(), "92 days, one Query each");
        assertNull(response.getHeaders().get(ExportRoutes.NEXT_CURSOR));
    }

    @Test
    void badInputIsA4xxWithTheReasonAndReadsNothing() throws Exception {
        APIGatewayProxyResponseEvent first = get("people.jsonl", Map.of("limit", "1"));
        String peopleCursor = first.getHeaders().get(ExportRoutes.NEXT_CURSOR);
        APIGatewayProxyResponseEvent day = get("actions.jsonl", Map.of("from", "2026-11-02", "to", "2026-11-08", "limit", "1"));
        String actionsCursor = day.getHeaders().get(ExportRoutes.NEXT_CURSOR);
        assertNotNull(peopleCursor);
        assertNotNull(actionsCursor);
        Object[][] cases = {
            {"actions.jsonl", Map.of("from", "2026-11-08", "to", "2026-11-02"), 400, "to (2026-11-02) is before from (2026-11-08)"},
            {"actions.jsonl", Map.of("from", "2026-01-01", "to", "2026-04-03"), 400, "the range is 93 days; at most 92"},
            {"actions.jsonl", Map.of("from", "2025-11-01", "to", "2026-11-01"), 400, "the range is 366 days; at most 92"},
            {"actions.jsonl", Map.of("from", "2026-13-01", "to", "2026-12-01"), 400, "must be dates as YYYY-MM-DD"},
            {"actions.jsonl", Map.of("from", "yesterday", "to", "2026-12-01"), 400, "must be dates as YYYY-MM-DD"},
            {"actions.jsonl", Map.of("from", "2026-11-31", "to", "2026-12-01"), 400, "must be dates as YYYY-MM-DD"},
            {"actions.jsonl", Map.of("from", "2026-11-01"), 400, "from and to are required"},
            {"actions.jsonl", Map.of("from", "2026-11-01", "to", "2026-11-02", "cursor", "!!!"), 400, "cursor is not one this API returned"},
            {"actions.jsonl", Map.of("from", "2026-11-01", "to", "2026-11-02", "cursor", peopleCursor), 400, "cursor belongs to another export"},
            {"actions.jsonl", Map.of("from", "2026-11-20", "to", "2026-11-21", "cursor", actionsCursor), 400, "cursor belongs to another range"},
            {"people.jsonl", Map.of("cursor", actionsCursor), 400, "cursor belongs to another export"},
            {"people.csv", Map.of("cursor", "e30"), 400, "cursor is not one this API returned"},
            {"people.csv", Map.of("cursor", ""), 400, "cursor is empty"},
            {"people.jsonl", Map.of("limit", "0"), 400, "limit must be a whole number from 1 to 1000"},
            {"people.jsonl", Map.of("limit", "1001"), 400, "limit must be a whole number from 1 to 1000"},
            {"people.jsonl", Map.of("limit", "ten"), 400, "limit must be a whole number from 1 to 1000"},
            {"people.jsonl", Map.of("from", "2026-11-01"), 400, "unknown parameter from: people.jsonl takes crm_id, cursor, limit"},
            {"people.csv", Map.of("crm_id", "yes"), 400, "crm_id must be present or absent"},
            {"actions.jsonl", Map.of("from", "2026-11-01", "to", "2026-11-02", "crm_id", "present"), 400, "unknown parameter crm_id"},
            {"people.xml", Map.of(), 400, "unknown format: people are exported as people.jsonl or people.csv"},
            {"actions.csv", Map.of("from", "2026-11-01", "to", "2026-11-02"), 400, "unknown format: actions are exported as actions.jsonl"},
            {"contributors.jsonl", Map.of(), 404, "no such export"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            APIGatewayProxyResponseEvent response = get((String) c[0], (Map<String, String>) c[1]);
            String what = c[0] + " " + c[1];
            assertEquals(c[2], response.getStatusCode(), what + ": " + response.getBody());
            assertEquals("application/json", response.getHeaders().get("Content-Type"), what);
            assertEquals("no-store", response.getHeaders().get("Cache-Control"), what);
            assertTrue(Json.mapper().readTree(response.getBody()).path("error").asText().contains((String) c[3]),
                    what + ": " + response.getBody());
            assertEquals(List.of(), operations(), what + ": nothing is read for bad input");
        }
        APIGatewayProxyResponseEvent post = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/admin/export/people.csv").withResource("/admin/export/{file}")
                .withPathParameters(Map.of("file", "people.csv")), null);
        assertEquals(405, post.getStatusCode());
    }
}
