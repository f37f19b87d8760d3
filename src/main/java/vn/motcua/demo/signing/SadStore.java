package vn.motcua.demo.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.motcua.signature.ca.CredentialStore;

/**
 * Signature activation data (SAD) of the CSC server, in {@code signature_authorization}: a random
 * secret handed to the caller, bound to one credential and the hashes authorised, usable once and
 * for a short time. The row keeps only the SAD's SHA-256 and the PIN encrypted (AES-GCM) under a key
 * derived from the SAD, so the database alone cannot unlock a token and only the SAD's holder can.
 */
@Component
@ConditionalOnProperty(name = "motcua.signature.csc-server.enabled", havingValue = "true")
public class SadStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a consumed SAD grants: the credential and the PIN that opens it. */
    public record Grant(String credentialId, char[] pin) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    public SadStore(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    SadStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new SAD for the hashes (base64) on the credential, opened later with the PIN it seals. */
    public String create(String credentialId, List<String> hashes, int numSignatures, char[] pin,
            String authorizedBy, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String sad = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into signature_authorization (sad_hash, credential_id, hashes, num_signatures, sealed_pin,
                    authorized_by, created_at, expires_at)
                values (:sadHash, :credentialId, :hashes, :num, :sealedPin, :by, :createdAt, :expiresAt)
                """)
                .param("sadHash", CredentialStore.sha256(sad.getBytes(StandardCharsets.US_ASCII)))
                .param("credentialId", credentialId).param("hashes", String.join(",", new TreeSet<>(hashes)))
                .param("num", numSignatures).param("sealedPin", seal(sad, pin)).param("by", authorizedBy)
                .param("createdAt", Timestamp.from(now)).param("expiresAt", Timestamp.from(now.plus(lifetime)))
                .update();
        return sad;
    }

    /**
     * Consumes the SAD for signing the hashes with the credential: refused when unknown, already
     * used (a replay), expired, issued for another credential or for other hashes. Consuming is a
     * conditional update, so of two concurrent uses on any nodes exactly one wins.
     */
    public Grant consume(String sad, String credentialId, List<String> hashes) {
        if (sad == null || sad.isBlank()) {
            throw CscError.badRequest("missing SAD: authorise the hashes first with credentials/authorize");
        }
        String sadHash = CredentialStore.sha256(sad.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> row = jdbc.sql("""
                select credential_id, hashes, num_signatures, sealed_pin, expires_at, used_at
                from signature_authorization where sad_hash = :sadHash
                """).param("sadHash", sadHash).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> CscError.badRequest("invalid SAD: this service did not issue it"));
        if (row.get("used_at") != null) {
            throw CscError.badRequest("SAD already used: a signing authorisation is valid for one signHash only "
                    + "(replay refused); authorise again with the PIN");
        }
        Instant now = clock.instant();
        if (instant(row.get("expires_at")).isBefore(now)) {
            throw CscError.badRequest("SAD expired: authorise again with the PIN");
        }
        if (!credentialId.equals(row.get("credential_id"))) {
            throw CscError.badRequest("the SAD was issued for another credential");
        }
        Set<String> bound = Set.of(((String) row.get("hashes")).split(","));
        int allowed = ((Number) row.get("num_signatures")).intValue();
        if (hashes.isEmpty() || !bound.containsAll(hashes) || hashes.size() > allowed) {
            throw CscError.badRequest("the SAD does not authorise these hashes: it is bound to the hashes given "
                    + "to credentials/authorize");
        }
        int consumed = jdbc.sql("""
                update signature_authorization set used_at = :now where sad_hash = :sadHash and used_at is null
                """).param("now", Timestamp.from(now)).param("sadHash", sadHash).update();
        if (consumed != 1) {
            throw CscError.badRequest("SAD already used: a signing authorisation is valid for one signHash only "
                    + "(replay refused); authorise again with the PIN");
        }
        return new Grant(credentialId, unseal(sad, (String) row.get("sealed_pin")));
    }

    /** Removes authorisations that expired more than a day ago. */
    public int purgeExpired() {
        return jdbc.sql("delete from signature_authorization where expires_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static String seal(String sad, char[] pin) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(sad), new GCMParameterSpec(128, iv));
            byte[] encrypted = cipher.doFinal(new String(pin).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + encrypted.length).put(iv)
                    .put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static char[] unseal(String sad, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(sad), new GCMParameterSpec(128, bytes, 0, 12));
            byte[] pin = cipher.doFinal(bytes, 12, bytes.length - 12);
            return new String(pin, StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException e) {
            throw CscError.badRequest("invalid SAD");
        }
    }

    private static SecretKeySpec key(String sad) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sad.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal("motcua-sad-pin-key".getBytes(StandardCharsets.US_ASCII)), "AES");
    }
}
