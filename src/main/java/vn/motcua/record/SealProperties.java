package vn.motcua.record;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PIN of each unit's seal (con dấu số) certificate ({@code motcua.records.seal.*}): the product
 * applies the seal itself when the records clerk completes issuing.
 *
 * @param pin the PIN of every unit's seal, unless {@code units} names one
 * @param units a unit's own seal PIN, by unit id
 */
@ConfigurationProperties(prefix = "motcua.records.seal")
public record SealProperties(String pin, Map<String, String> units) {

    public SealProperties {
        units = units != null ? Map.copyOf(units) : Map.of();
    }

    String pinOf(String unit) {
        String own = units.get(unit);
        return own != null ? own : pin;
    }
}
