package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.EventSchema;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * The warehouse (rule, Firehose to S3, Glue table) and the bus archive: what they take, what their
 * roles may do (exactly), that the table's columns are the published community.action schema's, that
 * retention is bounded everywhere, and that Warehouse=disabled removes all of it cleanly.
 */
class WarehouseTemplateTest {
    private static final String CONDITION = "WarehouseEnabled";
    private static final EventSchema ACTION = EventSchema.load("/schemas/community-action.schema.json");

    private final Template template = Template.get();

    private Map<String, Object> props(String id) {
        Map<String, Object> resource = template.resources().get(id);
        assertNotNull(resource, id + " is missing from template.yaml");
        return Template.props(resource);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String envelope(String source, String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"" + detailType
                + "\",\"source\":\"" + source + "\",\"account\":\"111122223333\",\"time\":\"2026-11-20T10:00:00Z\","
                + "\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + detail + "}";
    }

    /** The sample the scorer is invoked with ({@code events/score-pr-merged.json}): an action as the bus carries it. */
    private static String realAction() {
        return Fixtures.event("score-pr-merged.json");
    }

    /** The same event as a replay puts it back on the bus: EventBridge adds {@code replay-name}. */
    private static String replayed(String event) throws Exception {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(event);
        node.put("replay-name", "rescore-2026-11");
        return node.toString();
    }

    /** Events on the bus that are not actions: every other detail-type, and an action's name from another source. */
    private static List<String> notActions() {
        return List.of(
                envelope(Sources.WEBHOOK, "github.pull_request", "{\"delivery_id\":\"d-1\",\"platform\":\"github\"}"),
                envelope(Sources.WEBHOOK, "custom.action", "{\"event\":\"community.action\"}"),
                envelope(Sources.WEBHOOK, Sources.ACTION, "{\"event\":\"community.action\"}"),
                envelope(Sources.SCORE, Sources.FIRST_CONTRIBUTION, "{\"actor\":\"github:583231\"}"),
                envelope(Sources.SCORE, Sources.TIER_CHANGED, "{}"),
                envelope(Sources.SCORE, Sources.HIGH_IMPACT, "{}"),
                envelope(Sources.BACKFILL, Sources.BACKFILL_REQUESTED, "{\"platform\":\"github\"}"));
    }

    private static Machine machine(String name, Object pattern) throws Exception {
        String json = Template.json(pattern);
        assertNull(RuleCompiler.check(json), name + ": not a valid EventBridge pattern: " + json);
        Machine machine = new Machine();
        machine.addRule(name, json);
        return machine;
    }

    // ------------------------------------------------------------------ the rule

    @Test
    void theRuleTakesEveryActionFromTheNormaliserAndNothingElse() throws Exception {
        Map<String, Object> rule = props("WarehouseRule");
        assertTrue(Template.isRef(rule.get("EventBusName"), "EventBus"), "WarehouseRule: on the stack's bus");
        assertEquals("ENABLED", rule.get("State"));
        Machine machine = machine("WarehouseRule", rule.get("EventPattern"));

        for (String sample : List.of("score-pr-merged.json", "score-long-comment.json", "score-bot-comment.json",
                "score-identity-linked.json")) {
            String event = Fixtures.event(sample);
            assertEquals(List.of(), ACTION.problems(Json.mapper().readTree(event).path("detail")), sample + " is a community.action");
            assertEquals(List.of("WarehouseRule"), machine.rulesForJSONEvent(event), "a real community.action event, events/" + sample);
        }
        for (String other : notActions()) {
            assertTrue(machine.rulesForJSONEvent(other).isEmpty(), "not an action: " + other);
        }
        assertTrue(machine.rulesForJSONEvent(replayed(realAction())).isEmpty(),
                "a replay is the scorer's: the warehouse holds those actions already (and no erased person's comes back)");
    }

    @Test
    void theScorerAndTheWarehouseTakeTheSameLiveActions() throws Exception {
        // the warehouse is the scorer's input, kept: the same pattern but for replays
        Map<String, Object> scorer = Template.eventProps(template.events("ScoreFunction").get("Actions"));
        Machine warehouse = machine("WarehouseRule", props("WarehouseRule").get("EventPattern"));
        Machine score = machine("ScoreFunction.Actions", scorer.get("Pattern"));
        List<String> events = new ArrayList<>(notActions());
        events.add(realAction());
        for (String event : events) {
            assertEquals(score.rulesForJSONEvent(event).isEmpty(), warehouse.rulesForJSONEvent(event).isEmpty(), event);
        }
    }

    @Test
    void itsTargetIsTheStreamWithTheActionItselfAndADeadLetterQueue() {
        List<Object> targets = Template.asList(props("WarehouseRule").get("Targets"));
        assertEquals(1, targets.size(), "one target: the delivery stream");
        Map<String, Object> target = map(targets.get(0));
        assertEquals("{\"Fn::GetAtt\":[\"WarehouseDeliveryStream\",\"Arn\"]}", Template.json(target.get("Arn")));
        assertEquals("{\"Fn::GetAtt\":[\"WarehouseRuleRole\",\"Arn\"]}", Template.json(target.get("RoleArn")));
        assertEquals("$.detail", target.get("InputPath"), "one line is one community.action, not its envelope");
        assertEquals("{\"Fn::GetAtt\":[\"WarehouseDeadLetterQueue\",\"Arn\"]}",
                Template.json(map(target.get("DeadLetterConfig")).get("Arn")));
        Map<String, Object> retry = map(target.get("RetryPolicy"));
        assertNotNull(retry.get("MaximumRetryAttempts"));
        assertNotNull(retry.get("MaximumEventAgeInSeconds"));

        String policy = Template.json(props("WarehouseDeadLetterQueuePolicy"));
        assertTrue(policy.contains("\"aws:SourceArn\":{\"Fn::GetAtt\":[\"WarehouseRule\",\"Arn\"]}")
                        && policy.contains("events.amazonaws.com") && policy.contains("aws:SecureTransport"),
                "the dead-letter queue admits this rule's failures (and TLS only): " + policy);
    }

    // ------------------------------------------------------------------ the stream and the bucket

    @Test
    void theStreamWritesGzippedJsonLinesByArrivalDate() {
        Map<String, Object> stream = props("WarehouseDeliveryStream");
        assertEquals("DirectPut", stream.get("DeliveryStreamType"));
        assertEquals("{\"KeyType\":\"AWS_OWNED_CMK\"}", Template.json(stream.get("DeliveryStreamEncryptionConfigurationInput")),
                "encrypted at rest in the stream too");
        Map<String, Object> s3 = map(stream.get("ExtendedS3DestinationConfiguration"));
        assertEquals("{\"Fn::GetAtt\":[\"WarehouseBucket\",\"Arn\"]}", Template.json(s3.get("BucketARN")));
        assertEquals("{\"Fn::GetAtt\":[\"WarehouseDeliveryRole\",\"Arn\"]}", Template.json(s3.get("RoleARN")));
        assertEquals("actions/dt=!{timestamp:yyyy-MM-dd}/", s3.get("Prefix"));
        String errors = String.valueOf(s3.get("ErrorOutputPrefix"));
        assertTrue(errors.startsWith("errors/") && errors.contains("!{firehose:error-output-type}"),
                "Firehose needs the error type in the error prefix when the prefix has expressions: " + errors);
        assertEquals("GZIP", s3.get("CompressionFormat"));
        Map<String, Object> buffering = map(s3.get("BufferingHints"));
        assertTrue(((Number) buffering.get("SizeInMBs")).intValue() >= 1 && ((Number) buffering.get("IntervalInSeconds")).intValue() <= 900,
                "buffering within Firehose's limits: " + buffering);
        Map<String, Object> processing = map(s3.get("ProcessingConfiguration"));
        assertEquals(true, processing.get("Enabled"));
        assertTrue(Template.asList(processing.get("Processors")).stream()
                        .anyMatch(p -> "AppendDelimiterToRecord".equals(map(p).get("Type"))),
                "Firehose adds no newline by itself: without AppendDelimiterToRecord the lines run together");
        Map<String, Object> logging = map(s3.get("CloudWatchLoggingOptions"));
        assertTrue(Template.isRef(logging.get("LogGroupName"), "WarehouseDeliveryLogGroup")
                && Template.isRef(logging.get("LogStreamName"), "WarehouseDeliveryLogStream"), "logs to its own group: " + logging);
        assertNotNull(props("WarehouseDeliveryLogGroup").get("RetentionInDays"), "its log group expires");
    }

    @Test
    void theBucketIsPrivateEncryptedTlsOnlyAndExpires() {
        Map<String, Object> resource = template.resources().get("WarehouseBucket");
        Map<String, Object> bucket = props("WarehouseBucket");
        assertEquals("Retain", resource.get("DeletionPolicy"), "the data they own outlives the stack");
        assertTrue(Template.json(bucket.get("BucketEncryption")).contains("\"SSEAlgorithm\":\"AES256\""), "SSE");
        assertEquals("{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}",
                Template.json(new TreeMap<>(map(bucket.get("PublicAccessBlockConfiguration")))));
        assertNull(bucket.get("VersioningConfiguration"), "no versioning: a purge must not leave noncurrent versions behind");

        Map<String, Object> lifecycle = new LinkedHashMap<>();
        for (Object rule : Template.asList(map(bucket.get("LifecycleConfiguration")).get("Rules"))) {
            Map<String, Object> r = map(rule);
            if (r.get("Prefix") != null) {
                assertEquals("Enabled", r.get("Status"), r.toString());
                lifecycle.put(String.valueOf(r.get("Prefix")), r.get("ExpirationInDays"));
            }
        }
        // every prefix the stream writes expires with the warehouse's retention
        assertTrue(Template.isRef(lifecycle.get("actions/"), "WarehouseRetentionDays"), "actions/ expires: " + lifecycle);
        assertTrue(Template.isRef(lifecycle.get("errors/"), "WarehouseRetentionDays"), "errors/ expires: " + lifecycle);
        assertNotNull(lifecycle.get("athena-results/"), "query results (the same data) expire too: " + lifecycle);
        Map<String, Object> retention = template.cfn.parameters().get("WarehouseRetentionDays");
        assertTrue(((Number) retention.get("MinValue")).intValue() >= 1 && retention.get("MaxValue") != null,
                "WarehouseRetentionDays is bounded: " + retention);

        Map<String, Object> policy = props("WarehouseBucketPolicy");
        assertTrue(Template.isRef(policy.get("Bucket"), "WarehouseBucket"));
        Map<String, Object> tls = map(Template.asList(map(policy.get("PolicyDocument")).get("Statement")).get(0));
        assertEquals("Deny", tls.get("Effect"));
        assertEquals("s3:*", tls.get("Action"));
        assertEquals("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", Template.json(tls.get("Condition")));
        assertEquals("[{\"Fn::GetAtt\":[\"WarehouseBucket\",\"Arn\"]},{\"Fn::Sub\":\"${WarehouseBucket.Arn}/*\"}]",
                Template.json(tls.get("Resource")), "the bucket and every object");
    }

    // ------------------------------------------------------------------ least privilege

    /** A role's inline statements: actions to resources, as written. */
    private Map<String, String> grants(String roleId) {
        Map<String, String> grants = new TreeMap<>();
        for (Object policy : Template.asList(props(roleId).get("Policies"))) {
            for (Object statement : Template.asList(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                Map<String, Object> s = map(statement);
                assertEquals("Allow", s.get("Effect"), roleId + ": allows only");
                assertNull(s.get("Condition"), roleId + ": no conditions to read past");
                for (Object action : Template.asList(s.get("Action"))) {
                    grants.merge(String.valueOf(action), Template.json(s.get("Resource")), (a, b) -> a + " + " + b);
                }
            }
        }
        return grants;
    }

    private String trust(String roleId) {
        List<Object> statements = Template.asList(map(props(roleId).get("AssumeRolePolicyDocument")).get("Statement"));
        assertEquals(1, statements.size(), roleId + ": one trusted principal");
        Map<String, Object> s = map(statements.get(0));
        assertEquals("sts:AssumeRole", s.get("Action"));
        return Template.json(s.get("Principal")) + " if " + Template.json(s.get("Condition"));
    }

    @Test
    void theRulesRoleMayOnlyPutRecordsOnThatStream() {
        String stream = "{\"Fn::GetAtt\":[\"WarehouseDeliveryStream\",\"Arn\"]}";
        assertEquals(Map.of("firehose:PutRecord", stream, "firehose:PutRecordBatch", stream), grants("WarehouseRuleRole"));
        assertEquals("{\"Service\":\"events.amazonaws.com\"} if {\"StringEquals\":{\"aws:SourceAccount\":{\"Ref\":\"AWS::AccountId\"}}}",
                trust("WarehouseRuleRole"));
    }

    @Test
    void firehosesRoleMayOnlyWriteTheBucketsTwoPrefixesAndItsOwnLog() {
        String bucket = "{\"Fn::GetAtt\":[\"WarehouseBucket\",\"Arn\"]}";
        String prefixes = "[{\"Fn::Sub\":\"${WarehouseBucket.Arn}/actions/*\"},{\"Fn::Sub\":\"${WarehouseBucket.Arn}/errors/*\"}]";
        String log = "{\"Fn::Sub\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
                + "${WarehouseDeliveryLogGroup}:log-stream:${WarehouseDeliveryLogStream}\"}";
        assertEquals(new TreeMap<>(Map.of(
                "s3:GetBucketLocation", bucket, "s3:ListBucket", bucket, "s3:ListBucketMultipartUploads", bucket,
                "s3:PutObject", prefixes, "s3:AbortMultipartUpload", prefixes,
                "logs:PutLogEvents", log)), grants("WarehouseDeliveryRole"));
        assertEquals("{\"Service\":\"firehose.amazonaws.com\"} if {\"StringEquals\":{\"sts:ExternalId\":{\"Ref\":\"AWS::AccountId\"}}}",
                trust("WarehouseDeliveryRole"));
    }

    @Test
    void noRoleOfTheTemplateWritesOnEverything() {
        List<String> problems = new ArrayList<>();
        template.ofType("AWS::IAM::Role").forEach((id, role) -> {
            for (Object policy : Template.asList(Template.props(role).get("Policies"))) {
                for (Object statement : Template.asList(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                    problems.addAll(PoliciesTest.problems(id, (Map<?, ?>) statement));
                }
            }
        });
        assertFalse(template.ofType("AWS::IAM::Role").isEmpty());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ------------------------------------------------------------------ the Glue table

    /** Glue's type for a property of the published schema. */
    private static String glueType(JsonNode property, JsonNode schema) {
        if (property.has("$ref")) {
            return glueType(schema.at(property.get("$ref").asText().substring(1)), schema);
        }
        if (property.has("enum") || property.has("const")) {
            return "string";
        }
        return switch (property.path("type").asText()) {
            case "string" -> "string";
            case "integer" -> "bigint";
            case "number" -> "double";
            case "boolean" -> "boolean";
            case "object" -> "struct";
            case "array" -> "array<" + glueType(property.get("items"), schema) + ">";
            default -> throw new AssertionError("no Glue type for " + property);
        };
    }

    /** {@code struct<a:string,b:bigint>} as field to type. */
    static Map<String, String> structFields(String type) {
        Matcher m = Pattern.compile("struct<(.*)>").matcher(type);
        assertTrue(m.matches(), "not a struct: " + type);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : m.group(1).split(",")) {
            String[] parts = field.split(":", 2);
            fields.put(parts[0], parts[1]);
        }
        return fields;
    }

    /**
     * What the columns lack or get wrong against the schema, top level and context: "name: schema type, column type".
     * Empty when the table covers the schema exactly.
     */
    static List<String> columnProblems(JsonNode schema, Map<String, String> columns) {
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> expectedContext = new TreeMap<>();
        schema.path("properties").fields().forEachRemaining(e -> expected.put(e.getKey(), glueType(e.getValue(), schema)));
        schema.path("properties").path("context").path("properties").fields()
                .forEachRemaining(e -> expectedContext.put(e.getKey(), glueType(e.getValue(), schema)));
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(columns.keySet());
        for (String name : names) {
            String column = columns.get(name);
            String wanted = expected.get(name);
            if (column == null || wanted == null || !column.startsWith(wanted)) {
                problems.add(name + ": schema " + wanted + ", column " + column);
            }
        }
        Map<String, String> context = columns.containsKey("context") && columns.get("context").startsWith("struct<")
                ? structFields(columns.get("context")) : Map.of();
        Set<String> fields = new TreeSet<>(expectedContext.keySet());
        fields.addAll(context.keySet());
        for (String field : fields) {
            if (!String.valueOf(expectedContext.get(field)).equals(context.get(field))) {
                problems.add("context." + field + ": schema " + expectedContext.get(field) + ", column " + context.get(field));
            }
        }
        return problems;
    }

    private Map<String, Object> tableInput() {
        return map(props("WarehouseTable").get("TableInput"));
    }

    private Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object column : Template.asList(map(tableInput().get("StorageDescriptor")).get("Columns"))) {
            columns.put(String.valueOf(map(column).get("Name")), String.valueOf(map(column).get("Type")));
        }
        return columns;
    }

    @Test
    void theColumnsAreThePublishedSchemasFieldsEveryOneOfThem() {
        assertEquals(List.of(), columnProblems(ACTION.document(), columns()),
                "the Glue table's columns should be " + ACTION.resource() + "'s fields (context as a struct), with matching types");
    }

    @Test
    void theColumnCheckFailsWhenTheSchemaGainsAField() throws Exception {
        ObjectNode grown = ACTION.document().deepCopy();
        ((ObjectNode) grown.path("properties").path("context").path("properties")).putObject("language").put("type", "string");
        ((ObjectNode) grown.path("properties")).putObject("received_at").put("type", "string");

        assertEquals(List.of("received_at: schema string, column null", "context.language: schema string, column null"),
                columnProblems(grown, columns()));
    }

    @Test
    void athenaReadsItWithTheJsonSerdeAndProjectedDatePartitions() {
        Map<String, Object> table = tableInput();
        Map<String, Object> storage = map(table.get("StorageDescriptor"));
        assertEquals("org.openx.data.jsonserde.JsonSerDe", map(storage.get("SerdeInfo")).get("SerializationLibrary"));
        assertEquals("org.apache.hadoop.mapred.TextInputFormat", storage.get("InputFormat"));
        assertEquals("{\"Fn::Sub\":\"s3://${WarehouseBucket}/actions/\"}", Template.json(storage.get("Location")));
        List<Object> partitions = Template.asList(table.get("PartitionKeys"));
        assertEquals(1, partitions.size(), "one partition key: " + partitions);
        assertEquals("dt", map(partitions.get(0)).get("Name"));
        assertEquals("string", map(partitions.get(0)).get("Type"));
        Map<String, Object> parameters = map(table.get("Parameters"));
        assertEquals("true", parameters.get("projection.enabled"));
        assertEquals("date", parameters.get("projection.dt.type"));
        assertEquals("{\"Fn::Sub\":\"NOW-${WarehouseRetentionDays}DAYS,NOW\"}", Template.json(parameters.get("projection.dt.range")),
                "the range is what the lifecycle keeps");
        assertEquals("{\"Fn::Sub\":\"s3://${WarehouseBucket}/actions/dt=${!dt}/\"}", Template.json(parameters.get("storage.location.template")));

        // the partition's format is the one Firehose writes the prefix with
        String prefix = String.valueOf(map(props("WarehouseDeliveryStream").get("ExtendedS3DestinationConfiguration")).get("Prefix"));
        assertEquals("actions/dt=!{timestamp:" + parameters.get("projection.dt.format") + "}/", prefix);
        assertEquals("yyyy-MM-dd", parameters.get("projection.dt.format"));
        assertTrue(Template.isRef(props("WarehouseTable").get("DatabaseName"), "WarehouseDatabase"));
    }

    // ------------------------------------------------------------------ the switch

    @Test
    void warehouseDisabledLeavesNothingBehindAndNothingDangling() {
        Map<String, Object> parameter = template.cfn.parameters().get("Warehouse");
        assertEquals("enabled", parameter.get("Default"));
        assertEquals(List.of("enabled", "disabled"), parameter.get("AllowedValues"));
        assertEquals("{\"Fn::Equals\":[{\"Ref\":\"Warehouse\"},\"enabled\"]}",
                Template.json(map(template.cfn.root().get("Conditions")).get(CONDITION)));

        Set<String> warehouse = new TreeSet<>();
        template.resources().forEach((id, resource) -> {
            if (id.startsWith("Warehouse")) {
                assertEquals(CONDITION, resource.get("Condition"), id + " is part of the warehouse: Condition: " + CONDITION);
                warehouse.add(id);
            }
        });
        assertTrue(warehouse.containsAll(Set.of("WarehouseBucket", "WarehouseBucketPolicy", "WarehouseDeliveryStream",
                "WarehouseDeliveryRole", "WarehouseRule", "WarehouseRuleRole", "WarehouseDatabase", "WarehouseTable",
                "WarehouseDeadLetterQueue", "WarehouseDeadLettersAlarm")), warehouse.toString());

        // whatever names a conditional resource must exist under the same condition, or a disabled deploy fails
        List<String> dangling = new ArrayList<>();
        Map<String, Map<String, Object>> outputs = map(template.cfn.root().get("Outputs")).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> map(e.getValue())));
        Map<String, Map<String, Object>> referrers = new LinkedHashMap<>(template.resources());
        outputs.forEach((name, output) -> referrers.put("Outputs." + name, output));
        referrers.forEach((id, referrer) -> Template.references(referrer, id, (name, path) -> {
            Map<String, Object> target = template.resources().get(name);
            Object condition = target == null ? null : target.get("Condition");
            if (CONDITION.equals(condition) && !CONDITION.equals(referrer.get("Condition"))) {
                dangling.add(path + " -> " + name);
            }
        }));
        assertEquals(List.of(), dangling, "references to warehouse resources from outside the warehouse's condition");
        for (String output : List.of("WarehouseBucketName", "WarehouseTableName")) {
            assertEquals(CONDITION, outputs.get(output).get("Condition"), "output " + output);
        }
        assertEquals("{\"Fn::Sub\":\"${WarehouseDatabase}.${WarehouseTable}\"}", Template.json(outputs.get("WarehouseTableName").get("Value")));
    }

    // ------------------------------------------------------------------ the archive

    @Test
    void theArchiveKeepsOnlyActionsAndForABoundedTime() throws Exception {
        Map<String, Map<String, Object>> archives = template.ofType("AWS::Events::Archive");
        assertEquals(Set.of("ActionArchive"), archives.keySet(), "one archive");
        Map<String, Object> archive = Template.props(archives.get("ActionArchive"));
        assertEquals("{\"Fn::GetAtt\":[\"EventBus\",\"Arn\"]}", Template.json(archive.get("SourceArn")));
        assertTrue(Template.isRef(archive.get("RetentionDays"), "ArchiveRetentionDays"), "retention is a parameter");
        Map<String, Object> retention = template.cfn.parameters().get("ArchiveRetentionDays");
        assertEquals(30, ((Number) retention.get("Default")).intValue());
        // 0 would be EventBridge's "forever", and an archive cannot forget one person
        assertTrue(((Number) retention.get("MinValue")).intValue() >= 1, "ArchiveRetentionDays: MinValue >= 1");
        assertTrue(((Number) retention.get("MaxValue")).intValue() <= 365, "ArchiveRetentionDays: MaxValue <= 365");

        Machine machine = machine("ActionArchive", archive.get("EventPattern"));
        assertFalse(machine.rulesForJSONEvent(realAction()).isEmpty(), "the actions are archived");
        for (String other : notActions()) {
            // the webhook's deliveries hold message text, which nothing else keeps: never archived
            assertTrue(machine.rulesForJSONEvent(other).isEmpty(), "not archived: " + other);
        }
        assertTrue(machine.rulesForJSONEvent(replayed(realAction())).isEmpty(), "a replay is archived already");
    }
}
