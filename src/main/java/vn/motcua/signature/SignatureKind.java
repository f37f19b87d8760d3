package vn.motcua.signature;

import java.util.Locale;

/**
 * Who a signature stands for: a person (chữ ký số cá nhân — a leader approving a result) or an
 * organisation (con dấu số — the unit's digital seal applied by its records clerk at issuing).
 * Certificates say which through their ETSI QC type ({@code id-etsi-qct-esign} /
 * {@code id-etsi-qct-eseal}, EN 319 412-5).
 */
public enum SignatureKind {
    PERSONAL, SEAL;

    /** The lower-case id used in the database, the API and the configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SignatureKind fromId(String id) {
        for (SignatureKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown signature kind '" + id + "' (personal or seal)");
    }
}
