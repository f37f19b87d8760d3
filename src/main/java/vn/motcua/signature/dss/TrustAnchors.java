package vn.motcua.signature.dss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.config.SignatureSettings;

/**
 * The certificates a signature's chain must reach to be trusted: the demo root (and any other CA
 * kept in {@code signature_credential}, read at each verification so every node sees the same) and
 * the PEM files of {@code motcua.signature.trust-anchors}, read at start (a file that cannot be
 * read stops the start with its name).
 */
@Component
public class TrustAnchors {

    private final JdbcClient jdbc;
    private final List<X509Certificate> configured;

    public TrustAnchors(JdbcClient jdbc, SignatureSettings settings) {
        this.jdbc = jdbc;
        this.configured = List.copyOf(readPemFiles(settings.getTrustAnchors()));
    }

    public List<X509Certificate> current() {
        List<X509Certificate> anchors = new ArrayList<>(configured);
        jdbc.sql("select certificate from signature_credential where kind = 'ca'").query(byte[].class).list()
                .forEach(der -> anchors.add(CertificateAuthority.certificate(der)));
        return anchors;
    }

    static List<X509Certificate> readPemFiles(List<String> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            if (file == null || file.isBlank()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certificates.add((X509Certificate) certificate);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("motcua.signature.trust-anchors: cannot read certificates from "
                        + file + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }
}
