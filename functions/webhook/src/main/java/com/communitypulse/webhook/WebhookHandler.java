package com.communitypulse.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.EventBridgePublisher;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.domain.WebhookService;
import com.communitypulse.webhook.secrets.SecretSources;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * {@code POST /webhooks/{platform}}: maps API Gateway's proxy event to a {@link WebhookRequest},
 * lets {@link WebhookService} decide, and maps the answer back. Nothing here is a thrown error
 * for bad input: every request gets a JSON answer.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookService service;

    /** Lambda's entry point. */
    public WebhookHandler() {
        this(Env.system());
    }

    /** Builds the real clients once, from the function's environment (Lambda and the local runner). */
    public WebhookHandler(Env env) {
        this(new WebhookService(
                SecretSources.fromEnv(env),
                new DynamoDbDeliveryClaimStore(AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build(),
                        env.require("TABLE_NAME")),
                new EventBridgePublisher(AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build(),
                        env.require("EVENT_BUS_NAME")),
                new PowertoolsWebhookMetrics(MetricsFactory.getMetricsInstance(),
                        env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse"))));
    }

    /** For tests: any service. */
    public WebhookHandler(WebhookService service) {
        this.service = service;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        WebhookRequest request = toRequest(event, context);
        WebhookResponse response;
        try {
            response = service.handle(request);
        } catch (RuntimeException bug) {
            // bad input never gets here; this is a defect, answered as JSON so the platform may retry
            // the class and where it was thrown, not the message: a message can quote input
            StackTraceElement[] where = bug.getStackTrace();
            LOG.error("webhook failed platform={} request_id={} error={} at={}", request.route(), request.requestId(),
                    bug.getClass().getName(), where.length > 0 ? where[0] : "?");
            response = WebhookResponse.rejected(500, "internal_error", "the delivery could not be handled; retry later");
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        if (!response.body().isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    static WebhookRequest toRequest(APIGatewayProxyRequestEvent event, Context context) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : event.getMultiValueHeaders().entrySet()) {
                if (header.getValue() != null && !header.getValue().isEmpty()) {
                    headers.putIfAbsent(header.getKey(), header.getValue().get(0));
                }
            }
        }
        String route = event.getPathParameters() == null ? null : event.getPathParameters().get("platform");
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId()
                : context != null ? context.getAwsRequestId() : null;
        return new WebhookRequest(route, headers, event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded()), requestId);
    }
}
