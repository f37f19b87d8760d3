package vn.motcua.record.pdf;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How values read on a Vietnamese administrative document: the templates call it as {@code fmt}, e.g.
 * {@code ${fmt.date(extra.childDateOfBirth)}} → {@code 20/11/2026}, {@code ${fmt.gender(extra.childSex)}} →
 * {@code Nam}, {@code ${fmt.money(extra.capital)}} → {@code 1.500.000 đồng}, {@code ${fmt.unit(extra.shopUnit)}} →
 * the unit's name. Every method takes what the process stores (text, numbers, ISO dates) and never
 * throws: a value it cannot read is printed as it is, null as empty.
 */
public final class Formats {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút'");
    private static final Map<String, String> GENDERS = Map.of("male", "Nam", "female", "Nữ", "m", "Nam", "f", "Nữ",
            "nam", "Nam", "nữ", "Nữ", "nu", "Nữ");
    private static final String[] WEEKDAYS = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};

    private final UnaryOperator<String> unitNames;
    private final UnaryOperator<String> personNames;

    /**
     * @param unitNames   a unit id to its Vietnamese name (the id itself when unknown)
     * @param personNames a user id to the person's full name (the id itself when unknown)
     */
    public Formats(UnaryOperator<String> unitNames, UnaryOperator<String> personNames) {
        this.unitNames = unitNames != null ? unitNames : UnaryOperator.identity();
        this.personNames = personNames != null ? personNames : UnaryOperator.identity();
    }

    /** Without an organisation: ids print as they are. */
    public static Formats plain() {
        return new Formats(null, null);
    }

    /** {@code 20/11/2026} from a date, a date-time (in Vietnam's time) or an ISO text; anything else as it is. */
    public String date(Object value) {
        ZonedDateTime at = instant(value);
        if (at != null) {
            return DATE.format(at);
        }
        LocalDate day = localDate(value);
        return day != null ? DATE.format(day) : text(value);
    }

    /** {@code 08 giờ 30 phút, ngày 27/11/2026}. */
    public String dateTime(Object value) {
        ZonedDateTime at = instant(value);
        return at == null ? date(value) : TIME.format(at) + ", ngày " + DATE.format(at);
    }

    /** {@code 08 giờ 30 phút, Thứ Sáu, ngày 27/11/2026}: an appointment, with the day of the week. */
    public String appointment(Object value) {
        ZonedDateTime at = instant(value);
        return at == null ? date(value)
                : TIME.format(at) + ", " + WEEKDAYS[at.getDayOfWeek().getValue() - 1] + ", ngày " + DATE.format(at);
    }

    /**
     * {@code ngày 05 tháng 3 năm 2026} as Decree 30/2020/NĐ-CP writes a document's date: a zero before days
     * under 10 and before months 1 and 2.
     */
    public String dateInWords(Object value) {
        ZonedDateTime at = instant(value);
        LocalDate day = at != null ? at.toLocalDate() : localDate(value);
        return day == null ? text(value) : inWords(day);
    }

    /** {@code Xã A, ngày 04 tháng 12 năm 2026}; without a place {@code Ngày 04 tháng 12 năm 2026}. */
    public String placeAndDate(String place, Object value) {
        String words = dateInWords(value);
        if (place == null || place.isBlank()) {
            return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        return place.strip() + ", " + words;
    }

    static String inWords(LocalDate day) {
        int d = day.getDayOfMonth();
        int m = day.getMonthValue();
        return "ngày " + (d < 10 ? "0" : "") + d + " tháng " + (m < 3 ? "0" : "") + m + " năm " + day.getYear();
    }

    /** {@code Nam} / {@code Nữ} for what the forms store ({@code male} / {@code female}). */
    public String gender(Object value) {
        String text = text(value);
        return GENDERS.getOrDefault(text.strip().toLowerCase(Locale.ROOT), text);
    }

    /** {@code 1.500.000 đồng}. */
    public String money(Object value) {
        String number = number(value);
        return number.isEmpty() ? "" : number + " đồng";
    }

    /** {@code 1.500.000}, {@code 120,5}: thousands with dots, decimals with a comma. */
    public String number(Object value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return text(value);
        }
        DecimalFormat format = new DecimalFormat("#,##0.###", new DecimalFormatSymbols(Locale.forLanguageTag("vi-VN")));
        return format.format(number);
    }

    /**
     * The processing time as the receipt states it: {@code 05 ngày làm việc}, or in working hours when it is
     * not a whole number of days ({@code 04 giờ làm việc} for 0.5; 8 working hours a day).
     */
    public String workingDays(Object value) {
        BigDecimal days = decimal(value);
        if (days == null || days.signum() <= 0) {
            return text(value);
        }
        if (days.stripTrailingZeros().scale() <= 0) {
            return twoDigits(days.intValue()) + " ngày làm việc";
        }
        BigDecimal hours = days.multiply(BigDecimal.valueOf(8)).stripTrailingZeros();
        return (hours.scale() <= 0 ? twoDigits(hours.intValue()) : number(hours)) + " giờ làm việc";
    }

    /** The unit's name for its id ({@code commune-a} → {@code Ủy ban nhân dân xã A}). */
    public String unit(Object id) {
        String text = text(id);
        return text.isBlank() ? "" : unitNames.apply(text.strip());
    }

    /** The person's full name for a user id ({@code clerk-a} → {@code Nguyễn Thị Hoa}). */
    public String person(Object id) {
        String text = text(id);
        return text.isBlank() ? "" : personNames.apply(text.strip());
    }

    /** Capitals as a heading prints a name, Vietnamese letters included. */
    public String upper(Object value) {
        return text(value).toUpperCase(Locale.forLanguageTag("vi-VN"));
    }

    /** The lines of a text (reasons, a decision), blank ones left out. */
    public List<String> lines(Object value) {
        return text(value).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** A name written "Vietnamese / English" in a model, in Vietnamese alone. */
    public String vietnamese(Object value) {
        String text = text(value);
        int slash = text.indexOf(" / ");
        return slash < 0 ? text : text.substring(0, slash).strip();
    }

    /** Yes / no in Vietnamese for a true/false value ({@code Có} / {@code Không}). */
    public String yesNo(Object value) {
        String text = text(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes" -> "Có";
            case "false", "no" -> "Không";
            default -> text(value);
        };
    }

    static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        String text = text(value).strip().replace(" ", "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The instant of a date-time value in Vietnam's time, or null when the value is a date alone or no date. */
    private static ZonedDateTime instant(Object value) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(VIETNAM);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(VIETNAM);
        }
        if (value instanceof Instant instant) {
            return instant.atZone(VIETNAM);
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().atZone(VIETNAM);
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(VIETNAM);
        }
        String text = value instanceof CharSequence ? value.toString().strip() : null;
        if (text == null || text.length() <= 10) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.withZoneSameInstant(VIETNAM)
                    : ((LocalDateTime) parsed).atZone(VIETNAM);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate day) {
            return day;
        }
        String text = value instanceof CharSequence ? value.toString().strip() : null;
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
