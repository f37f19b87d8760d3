package vn.motcua.demo.signing;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The remote signing service's stand-in: a Cloud Signature Consortium API v2 server
 * ({@code /api/csc/v2}) in front of the demo CA's soft tokens ({@code motcua.signature.csc-server.enabled},
 * on in the demo profile). Callers authenticate either with HTTP Basic as a user (the API chain's
 * Camunda users) — they reach their own personal credential, and records clerks their unit's seal —
 * or with a bearer token from {@code oauth2/token} (grant {@code client_credentials}) as a trusted
 * client acting for the {@code userID} it names. Errors are CSC's {@code {"error","error_description"}}.
 */
@RestController
@RequestMapping(path = "/api/csc/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "motcua.signature.csc-server.enabled", havingValue = "true")
@Tag(name = "CSC v2 signing service", description = "Cloud Signature Consortium API v2 over the built-in soft tokens")
public class CscServerController {

    private final CscServer server;
    private final CscTokens tokens;

    public CscServerController(CscServer server, CscTokens tokens) {
        this.server = server;
        this.tokens = tokens;
    }

    @PostMapping("/info")
    @Operation(summary = "The service: specs version, methods, authentication types")
    public Map<String, Object> info() {
        return server.info(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/csc/v2").toUriString());
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "OAuth2 client credentials grant: an access token for a trusted client")
    public Map<String, Object> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret) {
        if (!"client_credentials".equals(grantType)) {
            throw new CscError(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "only grant_type=client_credentials is supported");
        }
        String token = tokens.issue(clientId, clientSecret)
                .orElseThrow(() -> new CscError(HttpStatus.UNAUTHORIZED, "invalid_client", "unknown client or wrong secret"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", tokens.lifetimeSeconds());
        return answer;
    }

    @PostMapping(path = "/credentials/list", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The credentials the caller (or the userID a client names) may use")
    public Map<String, Object> list(@RequestBody(required = false) Map<String, Object> request,
            HttpServletRequest http) {
        return server.list(caller(http), body(request));
    }

    @PostMapping(path = "/credentials/info", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A credential's key, certificate chain and authorisation mode (PIN)")
    public Map<String, Object> credentialInfo(@RequestBody(required = false) Map<String, Object> request,
            HttpServletRequest http) {
        return server.credentialInfo(caller(http), body(request));
    }

    @PostMapping(path = "/credentials/authorize", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The owner's PIN for the given hashes → a single-use, short-lived SAD")
    public Map<String, Object> authorize(@RequestBody(required = false) Map<String, Object> request,
            HttpServletRequest http) {
        return server.authorize(caller(http), body(request));
    }

    @PostMapping(path = "/signatures/signHash", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Signs the authorised hashes with the SAD (once)")
    public Map<String, Object> signHash(@RequestBody(required = false) Map<String, Object> request,
            HttpServletRequest http) {
        return server.signHash(caller(http), body(request));
    }

    @ExceptionHandler(CscError.class)
    ResponseEntity<Map<String, Object>> refused(CscError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"motcua-csc\", Basic realm=\"motcua\"");
        }
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(body);
    }

    private static Map<String, Object> body(Map<String, Object> request) {
        return request == null ? Map.of() : request;
    }

    private CscServer.Caller caller(HttpServletRequest http) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return CscServer.Caller.user(authentication.getName());
        }
        String header = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.clientOf(header.substring(7).trim()).map(CscServer.Caller::client)
                    .orElseThrow(() -> new CscError(HttpStatus.UNAUTHORIZED, "invalid_token",
                            "the access token is invalid or expired"));
        }
        throw new CscError(HttpStatus.UNAUTHORIZED, "invalid_request",
                "authentication required: HTTP Basic as the credential's owner, or a bearer token from oauth2/token");
    }
}
