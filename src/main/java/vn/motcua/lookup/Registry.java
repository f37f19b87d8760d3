package vn.motcua.lookup;

/** The national registries (cơ sở dữ liệu quốc gia) the product looks data up in. */
public enum Registry {
    POPULATION("CSDLQG về dân cư", "National population database"),
    RESIDENCE("CSDL về cư trú", "Residence database"),
    ENTERPRISE("CSDLQG về đăng ký doanh nghiệp", "National business registration database"),
    LAND("CSDL đất đai", "Land database");

    private final String nameVi;
    private final String nameEn;

    Registry(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String label() {
        return nameVi + " / " + nameEn;
    }
}
