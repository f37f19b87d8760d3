package vn.motcua.demo.registry;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The fixed, documented samples of the sandbox registry: the same in every run, whatever the
 * generated data around them. Tests, demos and {@code docs/sandbox-registry.md} use these ids;
 * changing one is a change of the sandbox's contract.
 */
public final class SandboxSamples {

    private SandboxSamples() {
    }

    // --- The birth-registration family (hộ gia đình): father (head), mother (spouse), an older child.

    /** The mother, Nguyễn Thị Lan: the applicant of the birth-registration demo. */
    public static final String MOTHER_ID = "001190012345";
    public static final String MOTHER_NAME = "Nguyễn Thị Lan";
    public static final LocalDate MOTHER_BIRTH_DATE = LocalDate.of(1990, 3, 15);

    /** The father, Trần Văn Minh: head of the family's household, owner of the sample parcels. */
    public static final String FATHER_ID = "001089023456";
    public static final String FATHER_NAME = "Trần Văn Minh";
    public static final LocalDate FATHER_BIRTH_DATE = LocalDate.of(1989, 7, 2);

    /** Their older child (born 2018). */
    public static final String CHILD_ID = "001318045678";
    public static final String CHILD_NAME = "Trần Ngọc Mai";
    public static final LocalDate CHILD_BIRTH_DATE = LocalDate.of(2018, 9, 5);

    public static final String FAMILY_HOUSEHOLD_ID = "H9000100001";
    /** The family's permanent residence (nơi thường trú), in commune A of the demo province. */
    public static final String FAMILY_ADDRESS = "Thôn 3, xã A, tỉnh Demo";

    // --- Applicants of other tests: 001190012346 … 001190012360 are all people (women born in 1990,
    // as their ids say), each the spouse in a generated household.

    public static final String FIRST_APPLICANT_ID = "001190012346";
    public static final String LAST_APPLICANT_ID = "001190012360";

    // --- Edge cases of the population and residence registries.

    /** Died on {@link #DECEASED_DEATH_DATE}; in no household any more (residence struck off on death). */
    public static final String DECEASED_ID = "001045001234";
    public static final String DECEASED_NAME = "Lê Văn Hùng";
    public static final LocalDate DECEASED_DEATH_DATE = LocalDate.of(2024, 1, 10);

    /** A living person who belongs to no household: the residence registry answers 404. */
    public static final String NO_HOUSEHOLD_ID = "079195004321";
    public static final String NO_HOUSEHOLD_NAME = "Phạm Thị Hoa";

    /** A well-formed personal id that is never a person (province code 099 does not exist). */
    public static final String UNKNOWN_PERSONAL_ID = "099999999999";

    // --- Enterprise registry (mã số doanh nghiệp: 10 digits).

    public static final String ACTIVE_ENTERPRISE_CODE = "0101234567";
    public static final String ACTIVE_ENTERPRISE_NAME = "Công ty TNHH Thương mại Hoa Sen";

    public static final String DISSOLVED_ENTERPRISE_CODE = "0102345678";
    public static final String DISSOLVED_ENTERPRISE_NAME = "Công ty Cổ phần Xây dựng Phú Quý";

    public static final String SUSPENDED_ENTERPRISE_CODE = "0103456789";
    public static final String SUSPENDED_ENTERPRISE_NAME = "Công ty TNHH Vận tải Bình Minh";

    /** An existing name that a new household business (hộ kinh doanh) cannot take. */
    public static final String CLASHING_ENTERPRISE_CODE = "0104567890";
    public static final String CLASHING_BUSINESS_NAME = "Cửa hàng Tạp hóa Minh Anh";

    /** A name no enterprise has: the name search answers an empty list. */
    public static final String FREE_BUSINESS_NAME = "Cửa hàng Tạp hóa Bình An";

    /** A well-formed enterprise code that is never an enterprise (generated codes never start with 09). */
    public static final String UNKNOWN_ENTERPRISE_CODE = "0999999999";

    // --- Land registry: parcels (thửa đất) by commune code, map sheet (tờ bản đồ) and parcel number.

    /** Commune A (xã A) of the demo province; the registry's commune codes are 90001–90006. */
    public static final String COMMUNE_A_CODE = "90001";
    public static final String COMMUNE_B_CODE = "90002";

    /** Owned by the father, not disputed: the construction-permit demo's parcel. */
    public static final String OWNED_PARCEL_COMMUNE = COMMUNE_A_CODE;
    public static final String OWNED_PARCEL_MAP_SHEET = "12";
    public static final String OWNED_PARCEL_NUMBER = "345";
    public static final BigDecimal OWNED_PARCEL_AREA = new BigDecimal("152.4");
    public static final String OWNED_PARCEL_CERTIFICATE = "DA 123456";

    /** Also the father's, but under a dispute (đất đang tranh chấp). */
    public static final String DISPUTED_PARCEL_COMMUNE = COMMUNE_A_CODE;
    public static final String DISPUTED_PARCEL_MAP_SHEET = "12";
    public static final String DISPUTED_PARCEL_NUMBER = "346";

    /** A well-formed parcel that does not exist (generated map sheets stop at 40). */
    public static final String UNKNOWN_PARCEL_COMMUNE = COMMUNE_A_CODE;
    public static final String UNKNOWN_PARCEL_MAP_SHEET = "99";
    public static final String UNKNOWN_PARCEL_NUMBER = "9999";
}
