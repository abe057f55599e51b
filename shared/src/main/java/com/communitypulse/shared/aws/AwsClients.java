package com.communitypulse.shared.aws;

import com.communitypulse.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds every AWS SDK client from a function's {@link Env}: region, credentials and endpoint
 * overrides ({@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL}, as the SDKs
 * define them for LocalStack and the local runner). The URLConnection HTTP client keeps jars
 * small and cold starts short.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * Configures a sync client builder.
     *
     * @param serviceId the service's suffix in {@code AWS_ENDPOINT_URL_<SERVICE>}, e.g. {@code DYNAMODB}
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, Env env, String serviceId) {
        builder.region(Region.of(env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "us-east-1"))));
        builder.credentialsProvider(credentials(env));
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10)));
        env.get("AWS_ENDPOINT_URL_" + serviceId)
                .or(() -> env.get("AWS_ENDPOINT_URL"))
                .ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }

    /** Static keys from the environment when both are set (LocalStack, the local runner), else the default chain. */
    public static AwsCredentialsProvider credentials(Env env) {
        var keyId = env.get("AWS_ACCESS_KEY_ID");
        var secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (keyId.isEmpty() || secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        var token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
}
