package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's Cognito sign-in (authorization code with PKCE) against a stub that plays the Hosted UI, the token
 * endpoint and the session route on 127.0.0.1, and serves the page with a cognito-mode {@code config.js}.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoSignInBrowserTest {
    private static final String CLIENT_ID = "riverton-web-client";
    private static final String CODE = "authorization-code-1";

    private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> sessionAuthorizations = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> logoutRequests = new CopyOnWriteArrayList<>();

    private HttpServer stub;
    private String origin;
    private String idToken;
    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void startStubAndBrowser() throws IOException {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = "http://127.0.0.1:" + stub.getAddress().getPort();
        idToken = unsignedJwt(Map.of("sub", "7d1c0c1e-user", "cognito:username", "maria",
                "exp", Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        stub.createContext("/", new WebFolder());
        stub.createContext("/config.js", this::config);
        stub.createContext("/oauth2/authorize", this::authorize);
        stub.createContext("/oauth2/token", this::token);
        stub.createContext("/logout", this::logout);
        stub.createContext("/user-session", this::sessions);
        stub.start();
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    @AfterAll
    void stopBrowserAndStub() {
        if (chromium != null) {
            chromium.close();
        }
        if (stub != null) {
            stub.stop(0);
        }
    }

    @BeforeEach
    void forgetPreviousRequests() {
        authorizeRequests.clear();
        tokenRequests.clear();
        sessionAuthorizations.clear();
        logoutRequests.clear();
        driver.get(origin + "/");
        driver.executeScript("sessionStorage.clear()");
    }

    @Test
    void signsInWithAuthorizationCodeAndPkceThenUsesTheIdTokenAndSignsOut() throws Exception {
        // given
        driver.get(origin + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cognito-sign-in")));
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();

        // when
        driver.findElement(By.id("cognito-sign-in")).click();

        // then: the Hosted UI was asked for a code with an S256 challenge, and the code was exchanged with its verifier
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(authorizeRequests).hasSize(1);
        Map<String, String> authorize = authorizeRequests.get(0);
        assertThat(authorize).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", origin + "/").containsEntry("scope", "openid email profile")
                .containsEntry("code_challenge_method", "S256").containsKey("state");
        assertThat(tokenRequests).hasSize(1);
        Map<String, String> token = tokenRequests.get(0);
        assertThat(token).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("client_id", CLIENT_ID).containsEntry("redirect_uri", origin + "/");
        assertThat(token.get("code_verifier")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(s256(token.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        assertThat(URI.create(driver.getCurrentUrl()).getQuery()).as("the code is removed from the address").isNull();
        assertThat(driver.findElement(By.id("account-name")).getText()).isEqualTo("maria");
        wait.until(d -> !sessionAuthorizations.isEmpty());
        assertThat(sessionAuthorizations).containsOnly("Bearer " + idToken);

        // when
        driver.findElement(By.id("sign-out")).click();

        // then
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cognito-sign-in")));
        assertThat(logoutRequests).containsExactly(Map.of("client_id", CLIENT_ID, "logout_uri", origin + "/"));
        assertThat((Object) driver.executeScript("return sessionStorage.getItem('knowledgebot.idToken')")).isNull();
    }

    @Test
    void aCodeWhoseStateThisTabDidNotIssueIsRefused() {
        // given: an attacker's link that carries their own authorization code
        String forged = origin + "/?code=" + CODE + "&state=forged-state";

        // when
        driver.get(forged);

        // then
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cognito-sign-in")));
        assertThat(driver.findElement(By.id("sign-in-error")).getText()).contains("did not match");
        assertThat(tokenRequests).isEmpty();
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    // ---------------------------------------------------------------- the stub

    private void config(HttpExchange exchange) throws IOException {
        String config = """
                window.CHATBOT_CONFIG = {"websocketUrl": "ws://127.0.0.1:9/socket", "sessionApiUrl": "%s/user-session",
                  "auth": {"mode": "cognito", "cognitoDomain": "%s", "clientId": "%s"}};
                """.formatted(origin, origin, CLIENT_ID);
        WebFolder.reply(exchange, 200, "text/javascript", config);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        redirect(exchange, query.get("redirect_uri") + "?code=" + CODE + "&state=" + query.get("state"));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(body);
        String challenge = authorizeRequests.isEmpty() ? null : authorizeRequests.get(0).get("code_challenge");
        if (!CODE.equals(body.get("code")) || challenge == null || !challenge.equals(s256(body.get("code_verifier")))) {
            WebFolder.reply(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        WebFolder.reply(exchange, 200, "application/json",
                "{\"id_token\":\"" + idToken + "\",\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        logoutRequests.add(query);
        redirect(exchange, query.get("logout_uri"));
    }

    private void sessions(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        sessionAuthorizations.add(authorization == null ? "" : authorization);
        WebFolder.reply(exchange, 200, "application/json", "[]");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT-shaped token; the page only reads its claims (the server side verifies signatures, not the page). */
    private static String unsignedJwt(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":")
                .append(value instanceof String ? "\"" + value + "\"" : value));
        json.append('}');
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
