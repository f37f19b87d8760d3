package vn.motcua.demo.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The sample tables of docs/sandbox-registry.md say what the sandbox really serves. */
class SandboxDocsTest {

    private static final Pattern PERSON_ROW = Pattern.compile("^\\| `(\\d{12})` \\| ([^|]+?) \\|");
    private static final Pattern HOUSEHOLD = Pattern.compile("`(H\\d{10})`");
    private static final Pattern ENTERPRISE_ROW = Pattern.compile("^\\| `(\\d{10})` \\| ([^|]+?) \\|");
    private static final Pattern PARCEL_ROW = Pattern.compile("^\\| `(\\d{5})/(\\d+)/(\\d+)` \\| ([^|]+?) \\|");
    private static final Pattern OWNER = Pattern.compile("`(\\d{12})` (.+)");

    private final SandboxData data = new SandboxData();

    private List<String> rows() throws Exception {
        return Files.readAllLines(Path.of("docs/sandbox-registry.md")).stream().filter(l -> l.startsWith("| `")).toList();
    }

    @Test
    void people() throws Exception {
        int checked = 0;
        for (String row : rows()) {
            Matcher m = PERSON_ROW.matcher(row);
            if (!m.find()) {
                continue;
            }
            checked++;
            String id = m.group(1);
            if (m.group(2).equals("—")) {
                assertThat(data.citizen(id)).as(row).isEmpty();
                continue;
            }
            assertThat(data.citizen(id).orElseThrow(() -> new AssertionError(row)).fullName()).as(row).isEqualTo(m.group(2));
            Matcher household = HOUSEHOLD.matcher(row);
            if (household.find()) {
                assertThat(data.householdOf(id).orElseThrow().householdId()).as(row).isEqualTo(household.group(1));
            }
            if (row.contains("in no household")) {
                assertThat(data.householdOf(id)).as(row).isEmpty();
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void enterprises() throws Exception {
        int checked = 0;
        for (String row : rows()) {
            Matcher m = ENTERPRISE_ROW.matcher(row);
            if (!m.find()) {
                continue;
            }
            checked++;
            if (m.group(2).equals("—")) {
                assertThat(data.enterprise(m.group(1))).as(row).isEmpty();
                continue;
            }
            var enterprise = data.enterprise(m.group(1)).orElseThrow(() -> new AssertionError(row));
            assertThat(enterprise.name()).as(row).isEqualTo(m.group(2));
            assertThat(row).contains(enterprise.status().json());
        }
        assertThat(checked).isGreaterThan(8);
    }

    @Test
    void parcels() throws Exception {
        int checked = 0;
        for (String row : rows()) {
            Matcher m = PARCEL_ROW.matcher(row);
            if (!m.find()) {
                continue;
            }
            checked++;
            var parcel = data.parcel(m.group(1), m.group(2), m.group(3));
            if (row.contains("no such parcel")) {
                assertThat(parcel).as(row).isEmpty();
                continue;
            }
            var p = parcel.orElseThrow(() -> new AssertionError(row));
            Matcher owner = OWNER.matcher(m.group(4));
            assertThat(owner.matches()).as(row).isTrue();
            assertThat(p.ownerPersonalId()).as(row).isEqualTo(owner.group(1));
            assertThat(data.citizen(p.ownerPersonalId()).orElseThrow().fullName()).as(row).isEqualTo(owner.group(2));
            assertThat(row).contains(p.landUse()).contains(p.area().toPlainString() + " m²");
            assertThat(row.endsWith("| yes |") || row.contains("`disputed: true`")).as(row).isEqualTo(p.disputed());
        }
        assertThat(checked).isGreaterThan(6);
    }
}
