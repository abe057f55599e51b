package com.communitypulse.local.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The whole stack on LocalStack (free edition, pinned tag): the SAM template deployed through
 * CloudFormation with the jars {@code mvn package} built, then one signed GitHub delivery sent
 * through the REST API and followed through the bus into the table.
 *
 * <p>Run with {@code mvn -B -pl local -Plocalstack test -Dtest=LocalStackDeploymentTest} after
 * {@code mvn -B package}. Needs a Docker engine (LocalStack runs each Lambda function in its own
 * container through the mounted Docker socket); without one the class is skipped, not failed.
 * The digest is not sent here: LocalStack's free edition has SES v1, the digest speaks SES v2.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackDeploymentTest {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14");
    static final String STACK = "community-pulse-it";
    static final String BUCKET = "community-pulse-artifacts";
    static final String GITHUB_SECRET = "it-github-secret";
    static final Pattern CODE_URI = Pattern.compile("CodeUri: functions/([a-z]+)/target/([a-z]+\\.jar)");

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(IMAGE)
            // LocalStack starts one container per Lambda function through the host's Docker
            .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock")
            .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120")
            .withStartupTimeout(Duration.ofMinutes(3));

    static Env env;
    static Map<String, String> outputs = new LinkedHashMap<>();

    @BeforeAll
    static void clients() {
        env = new Env(Map.of(
                "AWS_REGION", LOCALSTACK.getRegion(),
                "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey(),
                "AWS_ENDPOINT_URL", LOCALSTACK.getEndpoint().toString()));
    }

    @Test
    @Order(1)
    void theStackDeploysWithEveryOutput() throws Exception {
        Path root = CfnTemplate.locate(Path.of("")).getParent();
        try (SecretsManagerClient secrets = AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETS_MANAGER").build()) {
            // the template's default secret names; a second line shows rotation (two accepted values)
            Map<String, String> values = Map.of(
                    "community-pulse/github-webhook", GITHUB_SECRET + "\nit-github-secret-next",
                    "community-pulse/discourse-webhook", "it-discourse-secret",
                    "community-pulse/discord-public-key", "e5ba4c2c7d8ef7bf1a4f0fd3a0e0a5d8b6f1f0e3c1a9b0d2f4e6a8c0b2d4f6a8",
                    "community-pulse/slack-signing-secret", "it-slack-secret",
                    "community-pulse/community-webhook", "it-community-secret",
                    "community-pulse/platform-tokens", "{}");
            values.forEach((name, value) -> secrets.createSecret(b -> b.name(name).secretString(value)));
        }

        String template = Files.readString(root.resolve("template.yaml"));
        String deployable = CODE_URI.matcher(template).replaceAll("CodeUri: s3://" + BUCKET + "/$2");
        try (S3Client s3 = AwsClients.configure(S3Client.builder(), env, "S3").forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            Matcher jars = CODE_URI.matcher(template);
            while (jars.find()) {
                Path jar = root.resolve("functions").resolve(jars.group(1)).resolve("target").resolve(jars.group(2));
                assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn -B package` first");
                s3.putObject(b -> b.bucket(BUCKET).key(jars.group(2)), RequestBody.fromFile(jar));
            }
            s3.putObject(b -> b.bucket(BUCKET).key("template.yaml"), RequestBody.fromString(deployable));
        }

        try (CloudFormationClient cfn = AwsClients.configure(CloudFormationClient.builder(), env, "CLOUDFORMATION").build()) {
            boolean fitsInBody = deployable.getBytes(StandardCharsets.UTF_8).length <= 51_200;
            cfn.createStack(b -> (fitsInBody ? b.templateBody(deployable)
                            // read by LocalStack itself, inside its container
                            : b.templateURL("http://localhost:4566/" + BUCKET + "/template.yaml"))
                    .stackName(STACK)
                    .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND)
                    .parameters(
                            Parameter.builder().parameterKey("Stage").parameterValue("dev").build(),
                            Parameter.builder().parameterKey("WebhookReservedConcurrency").parameterValue("0").build(),
                            Parameter.builder().parameterKey("DigestSender").parameterValue("pulse@example.org").build(),
                            // Glue and Athena are not in LocalStack's free edition
                            Parameter.builder().parameterKey("Warehouse").parameterValue("disabled").build()));
            Stack stack;
            try {
                stack = cfn.waiter().waitUntilStackCreateComplete(b -> b.stackName(STACK),
                                o -> o.waitTimeout(Duration.ofMinutes(10)))
                        .matched().response().orElseThrow().stacks().get(0);
            } catch (RuntimeException e) {
                throw new AssertionError(STACK + " did not reach CREATE_COMPLETE; latest events:\n"
                        + cfn.describeStackEvents(b -> b.stackName(STACK)).stackEvents().stream().limit(20)
                        .map(ev -> ev.logicalResourceId() + " " + ev.resourceStatus() + " " + ev.resourceStatusReason())
                        .collect(Collectors.joining("\n")), e);
            }
            for (Output output : stack.outputs()) {
                outputs.put(output.outputKey(), output.outputValue());
            }
        }
        for (String name : List.of("GitHubWebhookUrl", "DiscourseWebhookUrl", "DiscordInteractionsUrl", "SlackEventsUrl",
                "CommunityWebhookUrl", "ReadApiUrl", "ReadApiKeyId", "EventBusName", "EventBusArn", "TableName",
                "AlarmTopicArn", "NormaliseDeadLetterQueueUrl", "ScoreDeadLetterQueueUrl", "WelcomeDeadLetterQueueUrl",
                "DigestDeadLetterQueueUrl")) {
            assertTrue(outputs.containsKey(name), "output " + name + " missing; outputs: " + outputs.keySet());
        }
        try (DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
             EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build()) {
            assertEquals("ACTIVE", dynamo.describeTable(b -> b.tableName(outputs.get("TableName"))).table().tableStatusAsString());
            assertEquals(outputs.get("EventBusArn"), events.describeEventBus(b -> b.name(outputs.get("EventBusName"))).arn());
        }
    }

    @Test
    @Order(2)
    void aSignedGitHubDeliveryIsAcceptedAndReachesTheTable() throws Exception {
        Path root = CfnTemplate.locate(Path.of("")).getParent();
        JsonNode sample = Json.mapper().readTree(root.resolve("events/webhook-github-pull-request-opened.json").toFile());
        String body = sample.path("body").asText();
        String author = Json.mapper().readTree(body).path("pull_request").path("user").path("id").asText();

        // https://<api id>.execute-api.<region>.<suffix>/<stage>/webhooks/github -> LocalStack's REST API path
        URI deployed = URI.create(outputs.get("GitHubWebhookUrl"));
        String apiId = deployed.getHost().substring(0, deployed.getHost().indexOf('.'));
        URI local = URI.create(LOCALSTACK.getEndpoint() + "/restapis/" + apiId + "/dev/_user_request_/webhooks/github");

        HttpRequest.Builder request = HttpRequest.newBuilder(local).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        sample.path("headers").fields().forEachRemaining(h -> {
            if (!List.of("host", "x-hub-signature-256", "content-length").contains(h.getKey().toLowerCase())) {
                request.header(h.getKey(), h.getValue().asText());
            }
        });
        request.setHeader("X-GitHub-Delivery", UUID.randomUUID().toString());
        request.header("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(GITHUB_SECRET, body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, "webhook answered " + response.statusCode() + ": " + response.body());

        // webhook -> bus -> normalise -> bus -> score -> table: the PR author shows up
        try (DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build()) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            boolean found = false;
            while (!found && Instant.now().isBefore(deadline)) {
                found = dynamo.scan(b -> b.tableName(outputs.get("TableName"))).items().stream()
                        .anyMatch(item -> item.values().stream().map(AttributeValue::s)
                                .anyMatch(s -> s != null && s.contains("github:" + author)));
                if (!found) {
                    Thread.sleep(2_000);
                }
            }
            assertTrue(found, "no item for github:" + author + " in " + outputs.get("TableName")
                    + " within 3 minutes; look at the functions' logs in LocalStack's output");
        }
    }

    static String hmacSha256Hex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
