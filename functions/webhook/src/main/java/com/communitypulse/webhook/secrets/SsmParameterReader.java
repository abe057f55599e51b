package com.communitypulse.webhook.secrets;

import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;

/**
 * Reads one SSM Parameter Store SecureString, decrypted, and caches it: SSM's {@code GetParameter}
 * in AWS's JSON 1.1 protocol, signed with the SDK's SigV4 signer and sent with its URLConnection
 * client, both already in the jar. The SDK's SSM client and Powertools' SSM provider were 5.2 MiB of
 * the webhook's 24 MiB jar for this one call, which is why it is written out here.
 */
final class SsmParameterReader implements UnaryOperator<String> {
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final CacheManager cache;
    private final Clock clock;

    SsmParameterReader(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http,
                       Duration cacheFor, Clock clock) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.cache = new CacheManager();
        this.cache.setDefaultExpirationTime(cacheFor);
        this.clock = clock;
    }

    /** Region, credentials and {@code AWS_ENDPOINT_URL_SSM} / {@code AWS_ENDPOINT_URL} as every SDK client reads them. */
    static SsmParameterReader fromEnv(Env env, Duration cacheFor) {
        String region = env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "us-east-1"));
        URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL_SSM").or(() -> env.get("AWS_ENDPOINT_URL"))
                .orElse("https://ssm." + region + ".amazonaws.com"));
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
        return new SsmParameterReader(endpoint, region, AwsClients.credentials(env), http, cacheFor, Clock.systemUTC());
    }

    @Override
    public synchronized String apply(String name) {
        return cache.<String>getIfNotExpired(name, clock.instant()).orElseGet(() -> {
            String value = fetch(name);
            cache.putInCache(name, value);
            return value;
        });
    }

    private String fetch(String name) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(Map.of("Name", name, "WithDecryption", true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            JsonNode answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                // AWS JSON errors name their type ("ParameterNotFound", "AccessDeniedException"): never a value
                String type = answer.path("__type").asText("HTTP " + status);
                throw new SsmFailure(type.substring(type.lastIndexOf('#') + 1) + " (HTTP " + status + ")");
            }
            JsonNode value = answer.path("Parameter").path("Value");
            if (!value.isTextual()) {
                throw new SsmFailure("GetParameter answered without Parameter.Value");
            }
            return value.asText();
        } catch (IOException e) {
            throw new SsmFailure(e.getClass().getSimpleName() + " calling " + endpoint.getHost());
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return Json.mapper().createObjectNode();
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES);
            try {
                return Json.mapper().readTree(bytes);
            } catch (IOException notJson) {
                return Json.mapper().createObjectNode();
            }
        }
    }

    /** A failed GetParameter: the message names the error type or cause, never a parameter's value. */
    static final class SsmFailure extends RuntimeException {
        SsmFailure(String message) {
            super(message);
        }
    }
}
