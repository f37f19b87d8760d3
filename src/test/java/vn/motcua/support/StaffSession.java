package vn.motcua.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member's browser without the browser, for the rules of our pages: one sign-in on
 * {@code /login} (password {@code demo}), then pages, and forms posted with the CSRF token of the
 * page they are on.
 */
public final class StaffSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;

    public StaffSession(int port, String user) {
        this.base = "http://localhost:" + port;
        assertThat(Api.signIn(browser, cookies, base, user, null)).as(user + " signs in").isEqualTo(200);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path.replace(" ", "%20"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form as the page at {@code from} would: with its CSRF token. */
    public HttpResponse<String> post(String from, String path, String form) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(from).body());
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        return postWithoutToken(path, (form.isEmpty() ? "" : form + "&") + "_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
    }

    public HttpResponse<String> postWithoutToken(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
