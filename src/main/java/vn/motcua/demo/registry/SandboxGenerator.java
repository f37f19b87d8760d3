package vn.motcua.demo.registry;

import static vn.motcua.demo.registry.SandboxSamples.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import vn.motcua.demo.registry.SandboxData.BusinessLine;
import vn.motcua.demo.registry.SandboxData.Citizen;
import vn.motcua.demo.registry.SandboxData.Enterprise;
import vn.motcua.demo.registry.SandboxData.EnterpriseStatus;
import vn.motcua.demo.registry.SandboxData.Household;
import vn.motcua.demo.registry.SandboxData.Member;
import vn.motcua.demo.registry.SandboxData.Parcel;
import vn.motcua.demo.registry.SandboxData.Relationship;
import vn.motcua.demo.registry.SandboxData.Sex;

/**
 * Builds {@link SandboxData}: first the fixed samples, then generated data from one
 * {@link Random} drawn in a fixed order (lists only, never a hash order), so a seed always gives
 * the same data. Generated ids are built so that they can never be the documented unknown ones.
 */
final class SandboxGenerator {

    /** Everybody alive is at most this old a parent, and nobody is born after this year. */
    private static final int LAST_BIRTH_YEAR = 2024;
    private static final int ADULT_BORN_BY = 2006;

    private static final String PROVINCE = "tỉnh Demo";

    /** The demo province's communes (xã) and wards (phường); codes 9xxxx are no real commune's. */
    private record Commune(String code, String name, boolean ward) {
    }

    private static final List<Commune> COMMUNES = List.of(
            new Commune(COMMUNE_A_CODE, "xã A", false),
            new Commune(COMMUNE_B_CODE, "xã B", false),
            new Commune("90003", "phường Trung Tâm", true),
            new Commune("90004", "xã Đông Sơn", false),
            new Commune("90005", "phường Bắc Hà", true),
            new Commune("90006", "xã Tân Lập", false));
    /** Communes A and B (the demo units) hold most of the data. */
    private static final int[] COMMUNE_WEIGHTS = {35, 25, 10, 10, 10, 10};

    /** Province codes of real personal ids (mã tỉnh nơi đăng ký khai sinh); 099 is not one. */
    private static final String[] ID_PROVINCES = {"001", "002", "004", "008", "010", "011", "012", "014",
            "015", "017", "019", "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035",
            "036", "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056",
            "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080",
            "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};

    /** Family names (họ), repeated roughly as often as they are borne. */
    private static final String[] FAMILY_NAMES = {"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn",
            "Nguyễn", "Trần", "Trần", "Trần", "Lê", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
            "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Cao"};
    private static final String[] MALE_MIDDLE = {"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công",
            "Thanh", "Xuân", "Anh", "Quốc"};
    private static final String[] FEMALE_MIDDLE = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim",
            "Hồng", "Phương", "Thúy"};
    private static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng",
            "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Huy",
            "Tùng", "Đông", "Lâm", "Khoa", "Nghĩa"};
    private static final String[] FEMALE_GIVEN = {"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa",
            "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến",
            "Huyền", "Loan", "Ngọc", "Thủy", "Nga"};
    /** Mostly Kinh, as in the country. */
    private static final String[] ETHNICITIES = {"Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh",
            "Kinh", "Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng"};
    private static final String NATIONALITY = "Việt Nam";

    private static final String[] STREETS = {"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng",
            "Quang Trung", "Lý Thường Kiệt", "Hùng Vương", "Điện Biên Phủ"};

    /** Generated enterprise names: a legal form, a trade and a brand; never "Cửa hàng …" (see samples). */
    private static final String[] LEGAL_FORMS = {"Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần",
            "Doanh nghiệp tư nhân", "Hợp tác xã"};
    private static final String[] TRADES = {"Thương mại", "Xây dựng", "Dịch vụ", "Vận tải", "Công nghệ",
            "Thực phẩm", "Nông sản", "Du lịch", "Đầu tư", "Cơ khí", "Môi trường"};
    private static final String[] BRANDS = {"Hoa Sen", "Minh Phát", "Thành Công", "Phú Quý", "An Khang",
            "Hưng Thịnh", "Tân Tiến", "Bình Minh", "Sao Việt", "Hồng Hà", "Trường Sơn", "Đại Dương", "Ánh Dương",
            "Phúc Lộc", "Thiên Long", "Kim Ngân", "Việt Tiến", "Đông Á", "Hòa Bình", "Nam Việt", "Thăng Long",
            "Cửu Long", "Sông Hồng", "Hoàng Gia", "Tâm Đức"};
    private static final EnterpriseStatus[] STATUSES = {EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE,
            EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE,
            EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE,
            EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE,
            EnterpriseStatus.ACTIVE, EnterpriseStatus.ACTIVE, EnterpriseStatus.DISSOLVED, EnterpriseStatus.DISSOLVED,
            EnterpriseStatus.SUSPENDED, EnterpriseStatus.SUSPENDED};
    /** Generated enterprise codes start with 01–08, so 09… (the unknown sample) is never one. */
    private static final String[] ENTERPRISE_PREFIXES = {"01", "02", "03", "04", "05", "06", "07", "08"};

    /** Lines of business of the Vietnamese standard industrial classification (VSIC 2018, level 4). */
    private static final BusinessLine RETAIL_GENERAL = new BusinessLine("4711",
            "Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các cửa hàng kinh doanh tổng hợp");
    private static final BusinessLine WHOLESALE_FOOD = new BusinessLine("4632", "Bán buôn thực phẩm");
    private static final BusinessLine RETAIL_FOOD = new BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh");
    private static final BusinessLine HOUSE_BUILDING = new BusinessLine("4101", "Xây dựng nhà để ở");
    private static final BusinessLine ROAD_FREIGHT = new BusinessLine("4933", "Vận tải hàng hóa bằng đường bộ");
    private static final List<BusinessLine> BUSINESS_LINES = List.of(RETAIL_GENERAL, WHOLESALE_FOOD, RETAIL_FOOD,
            HOUSE_BUILDING, ROAD_FREIGHT,
            new BusinessLine("4102", "Xây dựng nhà không để ở"),
            new BusinessLine("5610", "Nhà hàng và các dịch vụ ăn uống phục vụ lưu động"),
            new BusinessLine("6201", "Lập trình máy vi tính"),
            new BusinessLine("7911", "Đại lý du lịch"),
            new BusinessLine("0118", "Trồng rau, đậu các loại và trồng hoa"),
            new BusinessLine("4620", "Bán buôn nông, lâm sản nguyên liệu (trừ gỗ, tre, nứa) và động vật sống"),
            new BusinessLine("2592", "Gia công cơ khí; xử lý và tráng phủ kim loại"),
            new BusinessLine("3811", "Thu gom rác thải không độc hại"),
            new BusinessLine("6810", "Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê"));

    /** Certificate series (số phát hành giấy chứng nhận quyền sử dụng đất). */
    private static final String[] CERTIFICATE_SERIES = {"BX", "BY", "CH", "CS", "DA", "DB", "DC"};
    private static final int MAX_MAP_SHEET = 40;
    private static final int MAX_PARCEL_NUMBER = 800;

    private final Random random;
    private final List<Citizen> citizens = new ArrayList<>();
    private final List<Household> households = new ArrayList<>();
    private final List<Enterprise> enterprises = new ArrayList<>();
    private final List<Parcel> parcels = new ArrayList<>();
    /** Personal ids and enterprise codes already taken, the unknown samples included. */
    private final Set<String> usedIds = new HashSet<>();
    private final Set<String> enterpriseNames = new HashSet<>();
    private final Set<String> parcelKeys = new HashSet<>();
    private final Set<String> certificates = new HashSet<>();
    private int inHouseholds;
    private final int[] householdCounters = new int[COMMUNES.size()];
    /** Living adults, in creation order: legal representatives and land owners are drawn from them. */
    private final List<Citizen> adults = new ArrayList<>();

    SandboxGenerator(long seed) {
        this.random = new Random(seed);
        usedIds.add(UNKNOWN_PERSONAL_ID);
        usedIds.add(UNKNOWN_ENTERPRISE_CODE);
        fixedPeople();
        generatedHouseholds();
        while (citizens.size() < SandboxData.PEOPLE) {
            Commune commune = commune();
            person(sex(0.5), year(1950, ADULT_BORN_BY), familyName(), homeAddress(commune));
        }
        fixedEnterprises();
        while (enterprises.size() < SandboxData.ENTERPRISES) {
            enterprise();
        }
        fixedParcels();
        while (parcels.size() < SandboxData.PARCELS) {
            parcel();
        }
    }

    List<Citizen> citizens() {
        return citizens;
    }

    List<Household> households() {
        return households;
    }

    List<Enterprise> enterprises() {
        return enterprises;
    }

    List<Parcel> parcels() {
        return parcels;
    }

    // --- People and households

    private void fixedPeople() {
        Citizen father = add(new Citizen(FATHER_ID, "Trần", "Văn", "Minh", FATHER_BIRTH_DATE, Sex.MALE,
                FAMILY_ADDRESS, "Kinh", NATIONALITY, null));
        Citizen mother = add(new Citizen(MOTHER_ID, "Nguyễn", "Thị", "Lan", MOTHER_BIRTH_DATE, Sex.FEMALE,
                FAMILY_ADDRESS, "Kinh", NATIONALITY, null));
        Citizen child = add(new Citizen(CHILD_ID, "Trần", "Ngọc", "Mai", CHILD_BIRTH_DATE, Sex.FEMALE,
                FAMILY_ADDRESS, "Kinh", NATIONALITY, null));
        householdCounters[0]++; // H9000100001 is the family's
        addHousehold(new Household(FAMILY_HOUSEHOLD_ID, FAMILY_ADDRESS, father.personalId(), List.of(
                new Member(father.personalId(), Relationship.HEAD),
                new Member(mother.personalId(), Relationship.SPOUSE),
                new Member(child.personalId(), Relationship.CHILD))));
        // Struck off the residence registry on death, so in no household any more.
        add(new Citizen(DECEASED_ID, "Lê", "Văn", "Hùng", LocalDate.of(1945, 5, 19), Sex.MALE,
                "Thôn 7, xã B, " + PROVINCE, "Kinh", NATIONALITY, DECEASED_DEATH_DATE));
        add(new Citizen(NO_HOUSEHOLD_ID, "Phạm", "Thị", "Hoa", LocalDate.of(1995, 11, 20), Sex.FEMALE,
                "Tổ dân phố 5, phường Trung Tâm, " + PROVINCE, "Kinh", NATIONALITY, null));
    }

    private void generatedHouseholds() {
        int firstApplicant = Integer.parseInt(FIRST_APPLICANT_ID.substring(6));
        int applicants = Integer.parseInt(LAST_APPLICANT_ID.substring(6)) - firstApplicant + 1;
        // Room for the standalone people (not in any household) that complete the population.
        int maxInHouseholds = SandboxData.PEOPLE - 10;
        for (int i = 0; households.size() < SandboxData.HOUSEHOLDS; i++) {
            int commune = communeIndex();
            String address = homeAddress(COMMUNES.get(commune));
            String householdId = "H" + COMMUNES.get(commune).code() + String.format("%05d", ++householdCounters[commune]);
            String ethnicity = pick(ETHNICITIES);
            int householdsLeft = SandboxData.HOUSEHOLDS - households.size() - 1;
            List<Member> members = new ArrayList<>();
            Citizen head;
            Citizen spouse = null;
            if (i < applicants) {
                // The applicants of other tests: women born in 1990, married to the head.
                head = person(Sex.MALE, year(1985, 1993), familyName(), address, ethnicity);
                String applicantId = FIRST_APPLICANT_ID.substring(0, 6)
                        + String.format("%06d", firstApplicant + i);
                spouse = person(Sex.FEMALE, 1990, familyName(), address, ethnicity, applicantId);
            } else {
                Sex headSex = sex(0.75);
                head = person(headSex, year(1945, 1998), familyName(), address, ethnicity);
                if (random.nextDouble() < (headSex == Sex.MALE ? 0.7 : 0.2)) {
                    spouse = person(opposite(headSex), clampYear(head.dateOfBirth().getYear() - 5 + random.nextInt(9)),
                            familyName(), address, ethnicity);
                }
            }
            members.add(new Member(head.personalId(), Relationship.HEAD));
            if (spouse != null) {
                members.add(new Member(spouse.personalId(), Relationship.SPOUSE));
            }
            // Optional members only while the population leaves room for the households still to come.
            Citizen father = head.sex() == Sex.MALE ? head : spouse;
            String childFamilyName = father != null ? father.familyName() : head.familyName();
            int children = pick(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3});
            int youngerParentBorn = spouse == null ? head.dateOfBirth().getYear()
                    : Math.max(head.dateOfBirth().getYear(), spouse.dateOfBirth().getYear());
            for (int c = 0; c < children && room(maxInHouseholds, householdsLeft, members); c++) {
                int born = youngerParentBorn + 20 + random.nextInt(16);
                if (born > LAST_BIRTH_YEAR) {
                    break;
                }
                Citizen child = person(sex(0.5), born, childFamilyName, address, ethnicity);
                members.add(new Member(child.personalId(), Relationship.CHILD));
            }
            if (head.dateOfBirth().getYear() >= 1965 && random.nextDouble() < 0.06 && room(maxInHouseholds, householdsLeft, members)) {
                Citizen parent = person(sex(0.5), head.dateOfBirth().getYear() - 22 - random.nextInt(11),
                        head.familyName(), address, ethnicity);
                members.add(new Member(parent.personalId(), Relationship.PARENT));
            }
            if (random.nextDouble() < 0.03 && room(maxInHouseholds, householdsLeft, members)) {
                Citizen other = person(sex(0.5), year(1960, 2010), familyName(), address, ethnicity);
                members.add(new Member(other.personalId(), Relationship.OTHER));
            }
            addHousehold(new Household(householdId, address, head.personalId(), members));
        }
    }

    private void addHousehold(Household household) {
        households.add(household);
        inHouseholds += household.members().size();
    }

    /** Whether one more member (beside those already drawn for this household) leaves two places for each household to come. */
    private boolean room(int maxInHouseholds, int householdsLeft, List<Member> drawn) {
        return inHouseholds + drawn.size() + 1 + 2 * householdsLeft <= maxInHouseholds;
    }

    private Citizen person(Sex sex, int birthYear, String familyName, String address) {
        return person(sex, birthYear, familyName, address, pick(ETHNICITIES));
    }

    private Citizen person(Sex sex, int birthYear, String familyName, String address, String ethnicity) {
        return person(sex, birthYear, familyName, address, ethnicity, null);
    }

    /** A person with a drawn name and birthday; {@code fixedId} null for a generated personal id. */
    private Citizen person(Sex sex, int birthYear, String familyName, String address, String ethnicity,
            String fixedId) {
        LocalDate born = LocalDate.ofYearDay(birthYear, 1 + random.nextInt(LocalDate.of(birthYear, 1, 1).lengthOfYear()));
        String middle = pick(sex == Sex.MALE ? MALE_MIDDLE : FEMALE_MIDDLE);
        String given;
        do {
            given = pick(sex == Sex.MALE ? MALE_GIVEN : FEMALE_GIVEN);
        } while (given.equals(middle)); // no "Nguyễn Ngọc Ngọc"
        String id = fixedId != null ? fixedId : personalId(sex, born);
        return add(new Citizen(id, familyName, middle, given, born, sex, address, ethnicity, NATIONALITY, null));
    }

    /**
     * A 12-digit personal id (số định danh cá nhân): province code, century-and-sex digit (0/1 men/women
     * born 1900–1999, 2/3 born 2000–2099), the last two digits of the birth year, six random digits.
     */
    private String personalId(Sex sex, LocalDate born) {
        int centuryAndSex = (born.getYear() / 100 - 19) * 2 + (sex == Sex.FEMALE ? 1 : 0);
        while (true) {
            String id = pick(ID_PROVINCES) + centuryAndSex + String.format("%02d", born.getYear() % 100)
                    + String.format("%06d", random.nextInt(1_000_000));
            if (!usedIds.contains(id)) {
                return id;
            }
        }
    }

    private Citizen add(Citizen citizen) {
        if (!usedIds.add(citizen.personalId())) {
            throw new IllegalStateException("duplicate personal id " + citizen.personalId());
        }
        citizens.add(citizen);
        if (!citizen.deceased() && citizen.dateOfBirth().getYear() <= ADULT_BORN_BY) {
            adults.add(citizen);
        }
        return citizen;
    }

    // --- Enterprises

    private void fixedEnterprises() {
        String secondApplicantId = String.format("%012d", Long.parseLong(FIRST_APPLICANT_ID) + 1);
        enterprises.add(new Enterprise(ACTIVE_ENTERPRISE_CODE, ACTIVE_ENTERPRISE_NAME, EnterpriseStatus.ACTIVE,
                FATHER_ID, "Số 12, đường Lê Lợi, phường Trung Tâm, " + PROVINCE, List.of(WHOLESALE_FOOD, RETAIL_FOOD)));
        enterprises.add(new Enterprise(DISSOLVED_ENTERPRISE_CODE, DISSOLVED_ENTERPRISE_NAME,
                EnterpriseStatus.DISSOLVED, NO_HOUSEHOLD_ID, "Số 45, đường Quang Trung, xã B, " + PROVINCE,
                List.of(HOUSE_BUILDING)));
        enterprises.add(new Enterprise(SUSPENDED_ENTERPRISE_CODE, SUSPENDED_ENTERPRISE_NAME,
                EnterpriseStatus.SUSPENDED, FIRST_APPLICANT_ID, "Số 7, đường Hùng Vương, xã A, " + PROVINCE,
                List.of(ROAD_FREIGHT)));
        enterprises.add(new Enterprise(CLASHING_ENTERPRISE_CODE, CLASHING_BUSINESS_NAME, EnterpriseStatus.ACTIVE,
                secondApplicantId, "Thôn 1, xã A, " + PROVINCE, List.of(RETAIL_GENERAL)));
        enterprises.forEach(e -> {
            usedIds.add(e.enterpriseCode());
            enterpriseNames.add(SandboxData.normaliseName(e.name()));
        });
        enterpriseNames.add(SandboxData.normaliseName(FREE_BUSINESS_NAME));
    }

    private void enterprise() {
        String code;
        do {
            code = pick(ENTERPRISE_PREFIXES) + String.format("%08d", random.nextInt(100_000_000));
        } while (!usedIds.add(code));
        String name;
        do {
            name = pick(LEGAL_FORMS) + " " + pick(TRADES) + " " + pick(BRANDS);
        } while (!enterpriseNames.add(SandboxData.normaliseName(name)));
        EnterpriseStatus status = pick(STATUSES);
        Citizen representative = adults.get(random.nextInt(adults.size()));
        Commune commune = commune();
        String address = "Số " + (1 + random.nextInt(200)) + ", đường " + pick(STREETS) + ", " + commune.name()
                + ", " + PROVINCE;
        List<BusinessLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        while (lines.size() < count) {
            BusinessLine line = BUSINESS_LINES.get(random.nextInt(BUSINESS_LINES.size()));
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        enterprises.add(new Enterprise(code, name, status, representative.personalId(), address, lines));
    }

    // --- Parcels

    private void fixedParcels() {
        addParcel(new Parcel(OWNED_PARCEL_COMMUNE, OWNED_PARCEL_MAP_SHEET, OWNED_PARCEL_NUMBER, FATHER_ID,
                OWNED_PARCEL_AREA, "ONT", OWNED_PARCEL_CERTIFICATE, false));
        addParcel(new Parcel(DISPUTED_PARCEL_COMMUNE, DISPUTED_PARCEL_MAP_SHEET, DISPUTED_PARCEL_NUMBER, FATHER_ID,
                new BigDecimal("98.0"), "ONT", "DA 123457", true));
    }

    private void parcel() {
        Commune commune = commune();
        String mapSheet;
        String number;
        do {
            mapSheet = String.valueOf(1 + random.nextInt(MAX_MAP_SHEET));
            number = String.valueOf(1 + random.nextInt(MAX_PARCEL_NUMBER));
        } while (parcelKeys.contains(SandboxData.parcelKey(commune.code(), mapSheet, number)));
        String certificate;
        do {
            certificate = pick(CERTIFICATE_SERIES) + " " + String.format("%06d", random.nextInt(1_000_000));
        } while (certificates.contains(certificate));
        // Wards have urban residential land (ODT), communes rural (ONT); the rest is farm land.
        String landUse = commune.ward()
                ? pick(new String[] {"ODT", "ODT", "ODT", "ODT", "ODT", "ODT", "CLN", "CLN", "BHK", "NTS"})
                : pick(new String[] {"ONT", "ONT", "ONT", "ONT", "LUC", "LUC", "LUC", "CLN", "CLN", "BHK", "NTS"});
        double area = switch (landUse) {
            case "ODT" -> 40 + random.nextDouble() * 200;
            case "ONT" -> 80 + random.nextDouble() * 500;
            default -> 200 + random.nextDouble() * 4800;
        };
        Citizen owner = adults.get(random.nextInt(adults.size()));
        addParcel(new Parcel(commune.code(), mapSheet, number, owner.personalId(),
                BigDecimal.valueOf(area).setScale(1, RoundingMode.HALF_UP), landUse, certificate,
                random.nextInt(25) == 0));
    }

    private void addParcel(Parcel parcel) {
        if (!parcelKeys.add(parcel.key()) || !certificates.add(parcel.certificateNumber())) {
            throw new IllegalStateException("duplicate parcel " + parcel.key());
        }
        parcels.add(parcel);
    }

    // --- Drawing

    private Commune commune() {
        return COMMUNES.get(communeIndex());
    }

    private int communeIndex() {
        int draw = random.nextInt(100);
        for (int i = 0; i < COMMUNE_WEIGHTS.length; i++) {
            draw -= COMMUNE_WEIGHTS[i];
            if (draw < 0) {
                return i;
            }
        }
        return 0;
    }

    private String homeAddress(Commune commune) {
        return (commune.ward() ? "Tổ dân phố " : "Thôn ") + (1 + random.nextInt(12)) + ", " + commune.name()
                + ", " + PROVINCE;
    }

    private String familyName() {
        return pick(FAMILY_NAMES);
    }

    private Sex sex(double maleShare) {
        return random.nextDouble() < maleShare ? Sex.MALE : Sex.FEMALE;
    }

    private static Sex opposite(Sex sex) {
        return sex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
    }

    private int year(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static int clampYear(int year) {
        return Math.min(year, ADULT_BORN_BY);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
