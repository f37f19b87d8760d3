package vn.motcua.record;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How each unit signs its documents ({@code motcua.records.issuers.<unit>.*}), all optional: without
 * settings the place comes from the unit's name ("Ủy ban nhân dân xã A" → "Xã A"; a department: its
 * parent's), the signer's title from its kind (a People's Committee: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", a
 * department: "GIÁM ĐỐC") and the seal is a red bordered box with the unit's name.
 *
 * @param units by unit id
 */
@ConfigurationProperties(prefix = "motcua.records.issuers")
public record IssuerProperties(Map<String, Issuer> units) {

    public IssuerProperties {
        units = units != null ? Map.copyOf(units) : Map.of();
    }

    /**
     * @param place       the place before the date (địa danh), e.g. {@code Xã A}, {@code Hưng Yên}
     * @param signerTitle who signs for the unit, one line each (a new line between), e.g.
     *                    {@code "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"}
     * @param sealImage   a PNG of the unit's seal (con dấu), drawn as the seal's appearance; transparent
     *                    around the seal so the leader's signature shows under it
     */
    public record Issuer(String place, String signerTitle, Path sealImage) {
    }

    Issuer of(String unit) {
        Issuer issuer = unit == null ? null : units.get(unit);
        return issuer != null ? issuer : new Issuer(null, null, null);
    }
}
