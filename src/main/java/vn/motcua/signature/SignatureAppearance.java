package vn.motcua.signature;

import java.util.List;

/**
 * How a signature shows on the page (its visible appearance), drawn into an existing unsigned
 * signature field of the PDF.
 *
 * <ul>
 * <li>a <b>personal</b> signature prints its lines (who signed, their title) and the signing time, in
 * dark blue, as e-documents show a leader's signature;</li>
 * <li>a <b>seal</b> prints {@code image} (the unit's seal, a PNG, transparent around it) when there is one,
 * else a red bordered box with its lines (the unit's name) and the signing time.</li>
 * </ul>
 *
 * @param fieldId the signature field to sign into, e.g. {@code leaderSignature}, {@code unitSeal}
 * @param lines   the text, one line each
 * @param image   the seal's image (PNG), or null
 */
public record SignatureAppearance(String fieldId, List<String> lines, byte[] image) {

    public SignatureAppearance {
        if (fieldId == null || fieldId.isBlank()) {
            throw new IllegalArgumentException("a visible signature needs the field it goes into");
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static SignatureAppearance text(String fieldId, String... lines) {
        return new SignatureAppearance(fieldId, List.of(lines), null);
    }
}
