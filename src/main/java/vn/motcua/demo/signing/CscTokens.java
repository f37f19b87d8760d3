package vn.motcua.demo.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.motcua.signature.config.SignatureSettings;

/**
 * OAuth2 client-credentials access tokens of the CSC server: {@code base64url(clientId "\n" expiry)
 * "." base64url(HMAC-SHA256)} keyed with the client's secret. Stateless, so any node checks a token
 * another node issued; a token dies with its expiry or when the client's secret changes.
 */
@Component
@ConditionalOnProperty(name = "motcua.signature.csc-server.enabled", havingValue = "true")
public class CscTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SignatureSettings settings;
    private final Clock clock;

    @Autowired
    public CscTokens(SignatureSettings settings) {
        this(settings, Clock.systemUTC());
    }

    CscTokens(SignatureSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A token for the client, if its secret is right. */
    public Optional<String> issue(String clientId, String clientSecret) {
        String secret = clientId == null ? null : settings.getCscServer().getClients().get(clientId);
        if (secret == null || secret.isBlank() || clientSecret == null
                || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                        clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        long expiry = clock.instant().plus(settings.getCscServer().getTokenLifetime()).getEpochSecond();
        String payload = B64.encodeToString((clientId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        return Optional.of(payload + "." + B64.encodeToString(mac(secret, payload)));
    }

    /** The client a valid, unexpired token was issued to. */
    public Optional<String> clientOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String payload = token.substring(0, dot);
            String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\n");
            if (parts.length != 2) {
                return Optional.empty();
            }
            String secret = settings.getCscServer().getClients().get(parts[0]);
            if (secret == null || secret.isBlank()
                    || !MessageDigest.isEqual(mac(secret, payload), Base64.getUrlDecoder().decode(token.substring(dot + 1)))
                    || Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(parts[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public long lifetimeSeconds() {
        return settings.getCscServer().getTokenLifetime().toSeconds();
    }

    private static byte[] mac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
