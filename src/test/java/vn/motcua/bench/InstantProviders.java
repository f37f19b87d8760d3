package vn.motcua.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mockito.Mockito;
import org.mockito.invocation.InvocationOnMock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.lookup.LookupType;
import vn.motcua.lookup.RegistryAnswer;
import vn.motcua.lookup.RegistryClient;
import vn.motcua.lookup.RegistryProperties;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.Signatures;
import vn.motcua.signature.SigningRequest;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;

/**
 * The benchmark's swap of the external providers for instant in-process ones (issue #8, item 1),
 * added to the app's context as {@code @Primary} beans, so the product's own code that calls them
 * runs unchanged:
 * <ul>
 * <li>{@link RegistryClient}: answers every registry lookup at once with fixed sample data (no HTTP
 * to the sandbox registry); the lookup jobs, provenance, lookup log and variables are the product's.</li>
 * <li>{@link Signatures}: "signs" by returning the PDF unchanged (no CSC call, no DSS PAdES signing).</li>
 * <li>{@link SignatureVerifier}: "verifies" any PDF as one valid signature by the expected signer (no
 * DSS validation). The product still stores the signed PDF, the report and the signature row.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class InstantProviders {

    /** Counts calls to the swapped providers, to show they were used. */
    public static final java.util.concurrent.atomic.LongAdder LOOKUPS = new java.util.concurrent.atomic.LongAdder();
    public static final java.util.concurrent.atomic.LongAdder SIGNINGS = new java.util.concurrent.atomic.LongAdder();

    @Bean
    @Primary
    RegistryClient instantRegistryClient(RegistryProperties properties, ObjectMapper json) {
        return new RegistryClient(properties, json) {
            @Override
            public RegistryAnswer fetch(LookupType type, Map<String, String> key, String requestId) {
                LOOKUPS.increment();
                Map<String, Object> fields = new LinkedHashMap<>();
                switch (type) {
                    case POPULATION -> {
                        fields.put("FullName", "Nguyễn Thị Lan");
                        fields.put("DateOfBirth", "1990-01-01");
                        fields.put("Sex", "female");
                        fields.put("PermanentResidence", "Thôn 1, xã A");
                        fields.put("Ethnicity", "Kinh");
                        fields.put("Nationality", "Việt Nam");
                        fields.put("Deceased", false);
                    }
                    case RESIDENCE -> {
                        fields.put("Id", "HH-0001");
                        fields.put("Address", "Thôn 1, xã A");
                        fields.put("HeadPersonalId", key.values().iterator().next());
                        fields.put("Members", "Nguyễn Thị Lan (" + key.values().iterator().next() + ", head)");
                    }
                    default -> fields.put("Name", "sample");
                }
                return new RegistryAnswer(true, fields, requestId, null);
            }
        };
    }

    @Bean
    @Primary
    Signatures instantSignatures() {
        return Mockito.mock(Signatures.class, Mockito.withSettings().stubOnly().defaultAnswer(InstantProviders::sign));
    }

    @Bean
    @Primary
    SignatureVerifier instantVerifier() {
        return Mockito.mock(SignatureVerifier.class,
                Mockito.withSettings().stubOnly().defaultAnswer(InstantProviders::verify));
    }

    private static Object sign(InvocationOnMock call) {
        SIGNINGS.increment();
        Object first = call.getArgument(0);
        if (first instanceof SigningRequest request) {
            return request.isUpload() ? request.signedElsewhere() : request.pdf();
        }
        return first; // sign(pdf, …), seal(pdf, …): the PDF unchanged
    }

    private static Object verify(InvocationOnMock call) throws Throwable {
        return switch (call.getMethod().getName()) {
            case "verify" -> new VerificationReport(Instant.now(), List.of(valid("signer", SignatureKind.PERSONAL)),
                    "<SimpleReport/>");
            case "expectSigner" -> valid(call.getArgument(1), call.getArguments().length > 2
                    ? call.getArgument(2) : SignatureKind.PERSONAL);
            case "isBy" -> true;
            default -> Mockito.RETURNS_DEFAULTS.answer(call);
        };
    }

    private static VerifiedSignature valid(String signer, SignatureKind kind) {
        return new VerifiedSignature("bench", signer, "CN=" + signer, "bench", signer, kind, Instant.now(), false, true,
                true, true, "TOTAL_PASSED", null, "00", List.of(), List.of());
    }
}
