package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard: one HTML page ({@code GET /}) and its static assets ({@code GET /dashboard/{asset}}), classpath
 * resources of this jar (no bucket, no build toolchain). The page itself holds no figure and no key: it asks the
 * read API for them ({@code x-api-key} from the browser's storage on AWS). Only the files listed here are served.
 */
final class Dashboard {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/";

    private record Asset(String resource, String type, String cacheControl) {
    }

    private static final Map<String, Asset> ASSETS = new LinkedHashMap<>();

    static {
        ASSETS.put("app.js", new Asset("dashboard/app.js", "text/javascript; charset=utf-8", "no-cache"));
        ASSETS.put("app.css", new Asset("dashboard/app.css", "text/css; charset=utf-8", "no-cache"));
        ASSETS.put("uplot.js", new Asset(UPLOT + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8", "max-age=86400"));
        ASSETS.put("uplot.css", new Asset(UPLOT + "dist/uPlot.min.css", "text/css; charset=utf-8", "max-age=86400"));
        ASSETS.put("uplot-LICENSE.txt", new Asset(UPLOT + "LICENSE", "text/plain; charset=utf-8", "max-age=86400"));
    }

    /** Strict: only this origin's scripts, styles and fetches; no inline script; never framed. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Dashboard() {
    }

    /** The page or an asset, or null when the request is for the read API. */
    static APIGatewayProxyResponseEvent serve(APIGatewayProxyRequestEvent request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String resource = request.getResource() == null ? path : request.getResource();
        boolean page = resource.equals("/") || path.equals("/") || path.isEmpty();
        boolean asset = resource.equals("/dashboard/{asset}") || path.startsWith("/dashboard/");
        if (!page && !asset) {
            return null;
        }
        String method = request.getHttpMethod() == null ? "GET" : request.getHttpMethod();
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            return text(405, "only GET is supported\n");
        }
        if (page) {
            String html = load("dashboard/index.html").replace("<base href=\"/\">",
                    "<base href=\"" + base(request) + "\">");
            return respond(200, html, "text/html; charset=utf-8", "no-cache");
        }
        String name = request.getPathParameters() != null && request.getPathParameters().get("asset") != null
                ? request.getPathParameters().get("asset") : path.substring("/dashboard/".length());
        Asset a = ASSETS.get(name);
        if (a == null) {
            return text(404, "no dashboard file " + name.replaceAll("[^A-Za-z0-9._-]", "?") + "\n");
        }
        return respond(200, load(a.resource()), a.type(), a.cacheControl());
    }

    /**
     * Where the page lives: {@code /} on the local runner and behind a custom domain; {@code /{stage}/} on the
     * execute-api URL, whose paths start with the stage (the event's {@code requestContext.path}).
     */
    static String base(APIGatewayProxyRequestEvent request) {
        var context = request.getRequestContext();
        if (context != null && context.getStage() != null && context.getPath() != null) {
            String stage = context.getStage();
            if (stage.matches("[A-Za-z0-9_-]+") && (context.getPath().equals("/" + stage)
                    || context.getPath().startsWith("/" + stage + "/"))) {
                return "/" + stage + "/";
            }
        }
        return "/";
    }

    private static String load(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("the api jar lacks " + r);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static APIGatewayProxyResponseEvent text(int status, String body) {
        return respond(status, body, "text/plain; charset=utf-8", "no-store");
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body, String type, String cacheControl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("Cache-Control", cacheControl);
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body);
    }
}
