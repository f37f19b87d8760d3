package vn.motcua.demo.registry;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sandbox's sample data for the four national registries (population, residence, enterprise,
 * land): the fixed samples of {@link SandboxSamples} plus data generated from a seed, so every run
 * and every JVM sees exactly the same people, households, enterprises and parcels
 * ({@link java.util.Random} is specified to the bit). Immutable; safe to share between threads.
 */
public final class SandboxData {

    /** The seed of the shipped sandbox. Changing it changes every generated id in the docs. */
    public static final long DEFAULT_SEED = 20251124L;

    public static final int PEOPLE = 500;
    public static final int HOUSEHOLDS = 200;
    public static final int ENTERPRISES = 300;
    public static final int PARCELS = 300;

    public enum Sex {
        MALE, FEMALE;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A member's relationship to the head of the household (quan hệ với chủ hộ). */
    public enum Relationship {
        HEAD, SPOUSE, CHILD, PARENT, OTHER;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum EnterpriseStatus {
        ACTIVE, DISSOLVED, SUSPENDED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A person in the population registry (công dân); Vietnamese order: family, middle, given name. */
    public record Citizen(String personalId, String familyName, String middleName, String givenName,
            LocalDate dateOfBirth, Sex sex, String permanentResidence, String ethnicity, String nationality,
            LocalDate dateOfDeath) {

        public String fullName() {
            return middleName.isEmpty() ? familyName + " " + givenName
                    : familyName + " " + middleName + " " + givenName;
        }

        public boolean deceased() {
            return dateOfDeath != null;
        }
    }

    /** A household (hộ gia đình) of the residence registry; the head comes first among the members. */
    public record Household(String householdId, String address, String headPersonalId, List<Member> members) {
        public Household {
            members = List.copyOf(members);
        }
    }

    public record Member(String personalId, Relationship relationship) {
    }

    /** A line of business by its VSIC code (ngành nghề kinh doanh). */
    public record BusinessLine(String code, String name) {
    }

    public record Enterprise(String enterpriseCode, String name, EnterpriseStatus status,
            String legalRepresentativeId, String address, List<BusinessLine> businessLines) {
        public Enterprise {
            businessLines = List.copyOf(businessLines);
        }
    }

    /**
     * A land parcel (thửa đất). Map sheet and parcel number are kept without leading zeros; area in m²;
     * land use by its official code (ODT urban residential, ONT rural residential, CLN perennial crops, …).
     */
    public record Parcel(String communeCode, String mapSheet, String parcelNumber, String ownerPersonalId,
            BigDecimal area, String landUse, String certificateNumber, boolean disputed) {

        String key() {
            return parcelKey(communeCode, mapSheet, parcelNumber);
        }
    }

    private final List<Citizen> citizens;
    private final List<Household> households;
    private final List<Enterprise> enterprises;
    private final List<Parcel> parcels;

    private final Map<String, Citizen> citizensById = new HashMap<>();
    private final Map<String, Household> householdsByMember = new HashMap<>();
    private final Map<String, Enterprise> enterprisesByCode = new HashMap<>();
    private final Map<String, List<Enterprise>> enterprisesByName = new HashMap<>();
    private final Map<String, Parcel> parcelsByKey = new HashMap<>();

    /** The shipped sandbox data ({@link #DEFAULT_SEED}). */
    public SandboxData() {
        this(DEFAULT_SEED);
    }

    /** Data from another seed: the fixed samples are the same, the generated data differ. */
    public SandboxData(long seed) {
        SandboxGenerator generator = new SandboxGenerator(seed);
        this.citizens = List.copyOf(generator.citizens());
        this.households = List.copyOf(generator.households());
        this.enterprises = List.copyOf(generator.enterprises());
        this.parcels = List.copyOf(generator.parcels());
        citizens.forEach(c -> citizensById.put(c.personalId(), c));
        households.forEach(h -> h.members().forEach(m -> householdsByMember.put(m.personalId(), h)));
        enterprises.forEach(e -> {
            enterprisesByCode.put(e.enterpriseCode(), e);
            enterprisesByName.computeIfAbsent(normaliseName(e.name()), k -> new ArrayList<>()).add(e);
        });
        parcels.forEach(p -> parcelsByKey.put(p.key(), p));
    }

    public List<Citizen> citizens() {
        return citizens;
    }

    public List<Household> households() {
        return households;
    }

    public List<Enterprise> enterprises() {
        return enterprises;
    }

    public List<Parcel> parcels() {
        return parcels;
    }

    public Optional<Citizen> citizen(String personalId) {
        return Optional.ofNullable(citizensById.get(personalId));
    }

    /** The household the person belongs to; empty for the unknown, the deceased and people in none. */
    public Optional<Household> householdOf(String personalId) {
        return Optional.ofNullable(householdsByMember.get(personalId));
    }

    public Optional<Enterprise> enterprise(String enterpriseCode) {
        return Optional.ofNullable(enterprisesByCode.get(enterpriseCode));
    }

    /** Enterprises whose name is the same as {@code name} after {@link #normaliseName}. */
    public List<Enterprise> enterprisesNamed(String name) {
        return List.copyOf(enterprisesByName.getOrDefault(normaliseName(name), List.of()));
    }

    /** Map sheet and parcel number may carry leading zeros ("012" is sheet 12). */
    public Optional<Parcel> parcel(String communeCode, String mapSheet, String parcelNumber) {
        return Optional.ofNullable(parcelsByKey.get(parcelKey(communeCode, mapSheet, parcelNumber)));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * A name as the business registry compares names for a clash (trùng tên): without Vietnamese
     * diacritics (đ counts as d), case or repeated whitespace. "Cửa hàng  tạp hoá MINH ANH" and
     * "cua hang tap hoa minh anh" are the same name.
     */
    public static String normaliseName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(plain).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }

    static String parcelKey(String communeCode, String mapSheet, String parcelNumber) {
        return communeCode + "/" + stripZeros(mapSheet) + "/" + stripZeros(parcelNumber);
    }

    private static String stripZeros(String digits) {
        return digits.replaceFirst("^0+(?=.)", "");
    }
}
