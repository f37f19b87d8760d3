package vn.motcua.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CertificateAuthority.Issuer;
import vn.motcua.signature.ca.CertificateAuthority.Purpose;
import vn.motcua.signature.dss.PadesSigner;

/** Test material: PDFs, a test CA and its certificates, keys that sign locally, an H2 database with our tables. */
public final class SignatureTestKit {

    private SignatureTestKit() {
    }

    /** A one-page PDF with a line of text. */
    public static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signer: key and certificate chain (certificate first). */
    public record TestSigner(PrivateKey key, List<X509Certificate> chain) {
        public PadesSigner.HashSigner hashSigner() {
            return (digest, algorithm) -> {
                try {
                    Signature signature = Signature.getInstance("NONEwithECDSA");
                    signature.initSign(key);
                    signature.update(digest);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    public static Issuer root(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return CertificateAuthority.createRoot(name, now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)));
    }

    /** A certificate for {@code cn} (unit {@code unit}) valid from–to, issued by the CA. */
    public static TestSigner signer(Issuer ca, String cn, String unit, Purpose purpose, Instant notBefore,
            Instant notAfter) {
        KeyPair keys = CertificateAuthority.newKeyPair();
        X509Certificate certificate = CertificateAuthority.issue(ca, keys.getPublic(),
                CertificateAuthority.subject(cn, unit, "UBND " + unit), purpose, notBefore, notAfter);
        return new TestSigner(keys.getPrivate(), List.of(certificate, ca.certificate()));
    }

    public static TestSigner signer(Issuer ca, String cn, String unit, Purpose purpose) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return signer(ca, cn, unit, purpose, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A fresh in-memory H2 database with the product's migrations applied. */
    public static JdbcClient database() {
        return JdbcClient.create(dataSource());
    }

    /** The same, as a data source (for a transaction manager over it). */
    public static DataSource dataSource() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:signature-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
