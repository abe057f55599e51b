package com.communitypulse.local.e2e;

import static com.communitypulse.local.e2e.DigestEndToEndIT.comment;
import static com.communitypulse.local.e2e.DigestEndToEndIT.issueOpened;
import static com.communitypulse.local.e2e.DigestEndToEndIT.lastWeekStart;
import static com.communitypulse.local.e2e.DigestEndToEndIT.pullRequest;
import static com.communitypulse.local.e2e.DigestEndToEndIT.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.testkit.runner.PackagedRunner;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium, served by the packaged runner (its own process): empty at first ("no
 * data yet"), then after a replayed week of signed GitHub deliveries (DigestEndToEndIT's week, plus a
 * returning contributor, a first-timer still waiting and an earlier week) the health page shows the
 * hand-computed figures and exactly the digest email's headline lines; the leaderboard and the profile show
 * the read API's answers; bad input is a message on the page. A key-checking stand-in for API Gateway (read
 * routes need x-api-key, as ApiKeyRequired does) shows the "API key refused" state. Screenshots at phone (360 px)
 * and desktop (1280 px) width go to local/target/screenshots/ (docs/ with -Ddashboard.screenshots=docs). Skipped where no Chromium is installed (.ci/run installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String KEY = "test-read-key-1234567890";

    @TempDir
    static Path work;
    static PackagedRunner runner;
    static ChromeDriver browser;
    static HttpServer gateway;
    static final AtomicInteger DELIVERY = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "DashboardBrowserIT skipped: no headless Chromium here (/usr/bin/chromium and /usr/bin/chromedriver;"
                        + " install with: apt-get install -y chromium chromium-driver, as .ci/run does)");
        runner = PackagedRunner.start(work.resolve("runner"), Map.of());
        browser = newBrowser(work.resolve("chromium-profile"));
        gateway = keyCheckingGateway(runner.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
        if (runner != null) {
            runner.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Opens a page (a fresh document) and waits until it shows figures or an error. */
    static String open(String url) {
        browser.get("about:blank");
        browser.get(url);
        return awaitSettled();
    }

    static String awaitSettled() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            Object state = js("return document.body && document.body.getAttribute('data-state')");
            return "ready".equals(state) || "error".equals(state);
        });
        return String.valueOf(js("return document.body.getAttribute('data-state')"));
    }

    static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    static String tile(String label) {
        return browser.findElement(By.cssSelector(".tile[data-figure='" + label + "'] .value")).getText().trim();
    }

    static List<List<String>> rows(String tableCss) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector(tableCss + " tbody tr"))) {
            List<String> cells = new ArrayList<>();
            tr.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText().trim()));
            rows.add(cells);
        }
        return rows;
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = runner.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.mapper().readTree(r.body());
    }

    static void post(String event, ObjectNode body) throws Exception {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        HttpResponse<String> response = Deliveries.postGitHub(runner.url(), event, "dashboard-it-" + DELIVERY.incrementAndGet(),
                bytes, Deliveries.githubSignature("dev-github-secret", bytes));
        assertEquals(202, response.statusCode(), response.body());
    }

    static ChromeDriver newBrowser(Path profile) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(profile),
                "--window-size=1280,900", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withLogFile(work.resolve(profile.getFileName() + "-chromedriver.log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Navigation start to the figures shown (the page's own mark), and the bytes of every response, cold then warm. */
    static String firstLoad(String url) throws Exception {
        ChromeDriver fresh = newBrowser(work.resolve("chromium-fresh"));
        try {
            List<String> parts = new ArrayList<>();
            for (String run : List.of("cold", "warm")) {
                fresh.get("about:blank");
                fresh.get(url);
                new WebDriverWait(fresh, Duration.ofSeconds(60)).until(d -> "ready".equals(
                        ((JavascriptExecutor) d).executeScript("return document.body && document.body.getAttribute('data-state')")));
                @SuppressWarnings("unchecked")
                Map<String, Object> load = (Map<String, Object>) ((JavascriptExecutor) fresh).executeScript(
                        "var n = performance.getEntriesByType('navigation')[0];"
                        + "var r = performance.getEntriesByType('resource');"
                        + "var bytes = (n ? n.transferSize : 0) + r.reduce(function (s, e) { return s + (e.transferSize || 0); }, 0);"
                        + "var body = (n ? n.decodedBodySize : 0) + r.reduce(function (s, e) { return s + (e.decodedBodySize || 0); }, 0);"
                        + "return {ms: Math.round(window.__pulseFirstFigures), bytes: bytes, body: body, requests: r.length + 1};");
                parts.add(run + ": figures shown " + load.get("ms") + " ms after navigation start, " + load.get("bytes")
                        + " bytes transferred (" + load.get("body") + " bytes of content) in " + load.get("requests") + " requests");
            }
            return "dashboard first load on the packaged local runner (health page, 12 weeks): " + String.join("; ", parts);
        } finally {
            fresh.quit();
        }
    }

    /** Full-page screenshots at phone and desktop width; the phone width must not scroll sideways. */
    static void screenshots(String name) throws Exception {
        // a build never rewrites tracked files: docs/ only when asked (-Ddashboard.screenshots=docs)
        Path docs = "docs".equals(System.getProperty("dashboard.screenshots"))
                ? PackagedRunner.root().resolve("docs") : PackagedRunner.root().resolve("local/target/screenshots");
        Files.createDirectories(docs);
        for (int width : new int[] {360, 1280}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.navigate().refresh();
            awaitSettled();
            Thread.sleep(300);
            long contentWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
            long viewport = ((Number) js("return document.documentElement.clientWidth")).longValue();
            assertTrue(contentWidth <= viewport, name + " at " + width + " px scrolls sideways: " + contentWidth + " > " + viewport);
            long height = ((Number) js("return Math.min(6000, document.documentElement.scrollHeight)")).longValue();
            browser.manage().window().setSize(new Dimension(width, (int) height + 140));
            Thread.sleep(300);
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            Files.write(docs.resolve("dashboard-" + name + "-" + (width == 360 ? "phone" : "desktop") + ".png"), png);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** API Gateway's ApiKeyRequired in front of the runner: read routes without the right x-api-key get its 403. */
    static HttpServer keyCheckingGateway(String target) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                boolean open = path.equals("/") || path.startsWith("/dashboard/") || path.startsWith("/public/");
                if (!open && !KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
                    byte[] forbidden = "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(403, forbidden.length);
                    exchange.getResponseBody().write(forbidden);
                    return;
                }
                HttpResponse<byte[]> r;
                try {
                    r = HTTP.send(HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI())).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.IOException(e);
                }
                r.headers().firstValue("content-type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                if (r.body().length > 0) {
                    exchange.getResponseBody().write(r.body());
                }
            }
        });
        server.start();
        return server;
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void anEmptyTableSaysNoDataYetOnEveryPage() throws Exception {
        assertEquals("ready", open(runner.url() + "/"));
        assertTrue(text("#no-data").startsWith("No data yet: start a backfill."), text("#no-data"));
        assertEquals("ready", open(runner.url() + "/#/leaderboard?period=all"));
        assertTrue(text("#empty-board").startsWith("No data yet: start a backfill."), text("#empty-board"));
    }

    @Test
    @Order(2)
    void theHealthPageShowsTheHandComputedWeekAndExactlyTheDigestsHeadline() throws Exception {
        Instant monday = lastWeekStart();
        ObjectNode alice = user(7001, "alice-new", "User");
        ObjectNode bob = user(7002, "bob", "User");
        ObjectNode carol = user(7003, "carol", "User");
        ObjectNode dave = user(7004, "dave", "User");
        ObjectNode mona = user(7005, "mona-maintainer", "User");
        ObjectNode bot = user(7099, "helper-bot[bot]", "Bot");
        ObjectNode erin = user(7006, "erin-later", "User");
        ObjectNode zed = user(7007, "zed-returning", "User");
        ObjectNode yan = user(7008, "yan", "User");
        ObjectNode fran = user(7009, "fran-waiting", "User");

        // two weeks before last week: zed opens an issue, yan answers after 5h
        Instant zedOpened = monday.minus(14, ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        post("issues", issueOpened(401, zed, zedOpened));
        post("issue_comment", comment(9401, 401, zed, false, yan, zedOpened.plus(5, ChronoUnit.HOURS)));
        // last week: DigestEndToEndIT's week
        post("issues", issueOpened(501, alice, monday.plus(1, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS)));
        post("issue_comment", comment(9001, 501, alice, false, dave, monday.plus(1, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)));
        Instant bobOpened = monday.plus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        post("pull_request", pullRequest("opened", 601, bob, bobOpened, null, false, bob));
        post("issue_comment", comment(9002, 601, bob, true, bot, bobOpened.plus(30, ChronoUnit.MINUTES)));
        post("pull_request", pullRequest("closed", 601, bob, bobOpened, monday.plus(3, ChronoUnit.DAYS).plus(15, ChronoUnit.HOURS), true, mona));
        Instant carolOpened = monday.plus(2, ChronoUnit.DAYS).plus(11, ChronoUnit.HOURS);
        post("pull_request", pullRequest("opened", 602, carol, carolOpened, null, false, carol));
        post("pull_request", pullRequest("closed", 602, carol, carolOpened, monday.plus(4, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS), false, mona));
        // ... plus zed coming back (returning) and fran's first issue that nobody answers (response debt)
        post("issue_comment", comment(9003, 501, alice, false, zed, monday.plus(1, ChronoUnit.DAYS).plus(14, ChronoUnit.HOURS)));
        post("issues", issueOpened(504, fran, monday.plus(5, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS)));
        // this week so far
        post("issues", issueOpened(503, erin, Instant.now().minusSeconds(5)));
        runner.awaitIdle();

        HttpResponse<String> run = runner.post("/_local/run/DigestFunction", "");
        assertEquals(200, run.statusCode(), run.body());
        List<Path> emails;
        try (var files = Files.list(runner.outbox())) {
            emails = files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
        assertEquals(1, emails.size(), "one digest in the outbox");
        String eml = Files.readString(emails.get(0), StandardCharsets.UTF_8);

        // first load, measured in a browser that never saw the page (cold HTTP cache), then again (warm)
        String measured = firstLoad(runner.url() + "/");
        System.out.println(measured);
        Files.writeString(PackagedRunner.root().resolve("local/target/dashboard-first-load.txt"), measured + "\n");

        assertEquals("ready", open(runner.url() + "/"));
        String lastWeek = String.valueOf(js("return document.getElementById('headline-week').getAttribute('data-week')"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Active contributors", "6");            // alice, dave, bob, carol, zed, fran (not the bot, mona or erin)
        expected.put("New contributors", "5");               // all but zed, whose first action was two weeks before
        expected.put("Pull requests merged", "1");           // #601, credited to bob
        expected.put("PR acceptance rate", "50%");           // 1 / (1 + #602 closed unmerged)
        expected.put("Median time to first response", "2h 0m"); // #501 by dave; #601's bot reply is no response
        expected.put("Unanswered after 24h", "3");           // #601, #602, #504
        for (Map.Entry<String, String> figure : expected.entrySet()) {
            assertEquals(figure.getValue(), tile(figure.getKey()), figure.getKey() + " on the page");
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(figure.getKey()) + ": (.*)$").matcher(eml);
            assertTrue(m.find(), "no line for " + figure.getKey() + " in the digest");
            assertEquals(m.group(1).trim(), tile(figure.getKey()), figure.getKey() + ": the page and the digest");
        }
        assertTrue(eml.contains(lastWeek), "the digest is of the page's headline week " + lastWeek);
        assertEquals("1", tile("Returning contributors"), "zed");
        assertEquals("2h 0m", tile("p90 time to first response"));
        assertTrue(text("#new-names").contains("alice-new") && !text("#new-names").contains("zed"), text("#new-names"));

        // 12 weeks, newest first; two weeks before last: zed and yan, 5h to the first response; the week between: nothing
        List<List<String>> weeks = rows("#weeks-table");
        assertEquals(12, weeks.size(), weeks.toString());
        assertEquals(List.of(lastWeek, "6", "5", "1", "1", "50%", "2h 0m", "2h 0m"), weeks.get(1));
        assertEquals(List.of("0", "0", "0", "0", "n/a", "n/a", "n/a"), weeks.get(2).subList(1, 8), "a week with no activity");
        assertEquals(List.of("2", "2", "0", "0", "n/a", "5h 0m", "5h 0m"), weeks.get(3).subList(1, 8), weeks.get(3).toString());
        assertTrue(weeks.get(0).get(0).endsWith("(so far)") && weeks.get(0).get(1).equals("1"), "this week: erin " + weeks.get(0));
        assertEquals(4, browser.findElements(By.cssSelector("figure.chart .uplot")).size(), "four trend charts drawn");
        // a figure's definition is a tap away
        WebElement term = browser.findElement(By.cssSelector(".tile[data-figure='PR acceptance rate'] summary"));
        term.click();
        assertTrue(browser.findElement(By.cssSelector(".tile[data-figure='PR acceptance rate'] details p")).getText()
                .contains("CHAOSS: Change request acceptance ratio"));

        // response debt: fran's first issue waits (the merged and closed PRs wait for nothing), linked
        List<List<String>> debt = rows("#debt-table");
        assertEquals(1, debt.size(), debt.toString());
        assertEquals("fran-waiting", debt.get(0).get(3));
        assertEquals("https://github.com/Codertocat/Hello-World/issues/504",
                browser.findElement(By.cssSelector("#debt-table a")).getAttribute("href"));
        // bus factor: what GET /bus-factor (the digest's BusFactor) says, with its flag in words
        JsonNode bus = api("/bus-factor");
        List<List<String>> busRows = rows("#bus-table");
        assertEquals(bus.path("repos").size(), busRows.size());
        for (int i = 0; i < busRows.size(); i++) {
            JsonNode r = bus.path("repos").get(i);
            assertEquals(r.path("repo").asText(), busRows.get(i).get(0));
            assertEquals(r.path("factor").asText(), busRows.get(i).get(1));
            assertEquals(r.path("contributions").asText(), busRows.get(i).get(3));
            assertEquals(r.path("flagged").asBoolean(), !busRows.get(i).get(5).equals("none"), busRows.get(i).toString());
        }
        screenshots("health");
    }

    @Test
    @Order(3)
    void theLeaderboardIsTheReadApisPagedWithTiersAndNoBot() throws Exception {
        assertEquals("ready", open(runner.url() + "/#/leaderboard?period=all"));
        JsonNode board = api("/leaderboard?period=all&limit=20");
        List<List<String>> rows = rows("#leaderboard-table");
        assertEquals(board.path("items").size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode item = board.path("items").get(i);
            assertEquals(List.of(Integer.toString(i + 1), item.path("login").asText(), "github",
                    item.path("score").asText(), item.path("tier").asText()), rows.get(i));
        }
        assertEquals(List.of("1", "bob", "github", "0.7", "Contributor"), rows.get(0), "pr_opened 0.1 + pr_merged 0.6");
        assertFalse(browser.getPageSource().contains("helper-bot"), "bots are never listed");
        screenshots("leaderboard");

        // a huge page number: a message on the page, a 400 from the API
        assertEquals("error", open(runner.url() + "/#/leaderboard?period=all&page=99999"));
        assertTrue(text(".error").contains("page must be a whole number from 1 to 100"), text(".error"));
        assertEquals(400, runner.get("/leaderboard?period=all&page=99999").statusCode());
        assertEquals("error", open(runner.url() + "/#/leaderboard?period=all&page=50"));
        assertTrue(text(".error").contains("past the end"), text(".error"));
        assertEquals(404, runner.get("/leaderboard?period=all&limit=20&page=50").statusCode());
    }

    @Test
    @Order(4)
    void theProfileShowsIdentitiesTierScoreExplanationAndWeeks() throws Exception {
        assertEquals("ready", open(runner.url() + "/#/contributor/github:@bob"));
        JsonNode p = api("/contributors/github:7002");
        JsonNode x = api("/contributors/github:7002/explain");
        assertEquals("bob", text("#profile-login"));
        assertEquals("0.7", tile("score"));
        assertEquals("Contributor", tile("tier"));
        assertEquals(p.path("first_seen").asText().substring(0, 10), tile("first_seen"));
        assertEquals(p.path("welcomed").asBoolean() ? "yes" : "no", tile("welcomed"));
        assertTrue(text("#identities").contains("github:7002"), text("#identities"));
        List<List<String>> lines = rows("#explain-lines");
        assertEquals(x.path("lines").size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = x.path("lines").get(i);
            assertEquals(List.of(l.path("platform").asText(), l.path("type").asText(), l.path("count").asText(),
                    l.path("weight").asText(), l.path("points").asText(), l.path("rule").asText()), lines.get(i));
        }
        assertTrue(text("#tier-history").contains("Contributor"), text("#tier-history"));
        List<List<String>> weeks = rows("#activity-table");
        String lastWeek = com.communitypulse.shared.store.TableKeys.isoWeek(lastWeekStart());
        assertEquals(List.of(lastWeek, "0.7"), weeks.get(0).subList(0, 2), "bob acted only last week: " + weeks);
        assertEquals(1, browser.findElements(By.cssSelector("figure.chart .uplot")).size(), "the weekly activity chart");
        screenshots("contributor");

        // an unknown contributor: a message on the page, a 404 from the API
        assertEquals("error", open(runner.url() + "/#/contributor/github:99999999"));
        assertTrue(text(".error").contains("No contributor github:99999999"), text(".error"));
        assertEquals(404, runner.get("/contributors/github:99999999").statusCode());
    }

    @Test
    @Order(5)
    void aRefusedApiKeyIsSaidOnThePageAndTheRightOneShowsTheFigures() throws Exception {
        String url = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/";
        assertEquals("error", open(url));
        assertEquals("API key refused", text(".error strong"));
        browser.findElement(By.id("api-key")).sendKeys("not-the-key");
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        assertEquals("error", awaitSettled());
        assertEquals("API key refused", text(".error strong"));
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(URI.create(url + "health")).header("x-api-key", "not-the-key").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        browser.findElement(By.id("api-key")).sendKeys(KEY);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("weeks-table")).isEmpty());
        assertEquals("6", rows("#weeks-table").get(1).get(1));
        assertEquals(KEY, js("return localStorage.getItem('communityPulse.apiKey')"), "kept in this browser only");
        js("localStorage.removeItem('communityPulse.apiKey')");
    }
}
