package vn.motcua.support;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** PDF/A-2b validation with veraPDF (its Foundry API), for tests. */
public final class PdfA {

    static {
        // veraPDF's profiles are read with javax.xml.bind: MOXy is the runtime (pom.xml says why)
        System.setProperty("javax.xml.bind.JAXBContextFactory", "org.eclipse.persistence.jaxb.JAXBContextFactory");
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfA() {
    }

    /** The rules the PDF breaks, one line each ("6.2.11.4.1-1: …"); empty when it is PDF/A-2b. */
    public static synchronized List<String> violations(byte[] pdf) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream()
                    .filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
                    .map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber()
                            + ": " + assertion.getMessage())
                    .distinct()
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("veraPDF cannot validate the PDF: " + e, e);
        }
    }

    /** Whether veraPDF finds it compliant with PDF/A-2b. */
    public static boolean compliant(byte[] pdf) {
        return violations(pdf).isEmpty();
    }
}
