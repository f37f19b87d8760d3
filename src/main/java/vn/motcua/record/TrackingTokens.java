package vn.motcua.record;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token in the receipt's QR code that opens the record's tracking page without typing the secret: an
 * HMAC-SHA256 of the record's code with a key made once and kept in the database (so every node agrees), cut
 * to 128 bits. The tracking secret itself is kept only as a hash and cannot be printed; this token reads the
 * record's public page and downloads its result, nothing more.
 */
@Component
class TrackingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private volatile byte[] key;

    TrackingTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String of(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    boolean matches(String code, String token) {
        return token != null && !token.isBlank() && MessageDigest.isEqual(of(code).getBytes(StandardCharsets.US_ASCII),
                token.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            String stored = jdbc.sql("select secret from tracking_key where id = 1").query(String.class).optional()
                    .orElseGet(this::create);
            known = Base64.getDecoder().decode(stored);
            key = known;
        }
        return known;
    }

    /** The first node to need a key makes it; another doing the same at once reads the winner's. */
    private String create() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
            jdbc.sql("insert into tracking_key (id, secret, created_at) values (1, ?, ?)")
                    .params(Base64.getEncoder().encodeToString(fresh), Timestamp.from(Instant.now())).update();
        } catch (DuplicateKeyException meanwhile) {
            // another node made it first
        }
        return jdbc.sql("select secret from tracking_key where id = 1").query(String.class).single();
    }
}
