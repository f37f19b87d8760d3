package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vietnamese locale of the Camunda webapps against the webjar on the classpath (Camunda's
 * en.json, form-js in deps.js), without a server: an upgrade of Camunda that adds a key to
 * Tasklist, or changes what form-js writes, fails here (docs/webapps.md, "Upgrading Camunda").
 */
class WebappsLocaleTest {

    private static final String APPS = "/META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /** Tasklist, the staff's app, and the Welcome page they log in to: every key is translated. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "welcome"})
    void everyKeyOfCamundasEnglishHasAVietnameseTranslation(String app) {
        Set<String> english = keys(labels(app, "en"));
        Set<String> vietnamese = keys(labels(app, "vi"));
        Set<String> missing = new TreeSet<>(english);
        missing.removeAll(vietnamese);
        assertThat(missing).as(app + "/locales/vi.json lacks keys of Camunda's en.json: translate them").isEmpty();
        JsonNode originals = labels(app, "en");
        for (Map.Entry<String, JsonNode> label : labels(app, "vi").properties()) {
            if (!originals.path(label.getKey()).asText().isBlank()) {
                assertThat(label.getValue().asText()).as(app + " " + label.getKey()).isNotBlank();
            }
        }
    }

    /** Cockpit and Admin are partly translated: what is there belongs to Camunda's keys and keeps their placeholders. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
    void translationsUseCamundasKeysAndKeepTheirPlaceholders(String app) {
        JsonNode english = labels(app, "en");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> label : labels(app, "vi").properties()) {
            JsonNode original = english.get(label.getKey());
            if (original == null) {
                problems.add(label.getKey() + ": not a key of Camunda's en.json (any more)");
            } else if (!placeholders(original.asText()).equals(placeholders(label.getValue().asText()))) {
                problems.add(label.getKey() + ": placeholders " + placeholders(original.asText()) + " in English, "
                        + placeholders(label.getValue().asText()) + " in Vietnamese");
            }
        }
        assertThat(problems).as(app + "/locales/vi.json").isEmpty();
    }

    /** What an analyst sees of Cockpit in the header, on the dashboard, the processes, definition and instance pages. */
    @Test
    void cockpitTranslatesThePagesAnalystsUse() {
        assertThat(keys(labels("cockpit", "vi"))).contains(
                "COCKPIT_PROCESSES", "COCKPIT_DECISIONS", "COCKPIT_HUMAN_TASKS", "COCKPIT_MORE", "SIGN_OUT_ACTION",
                "MY_PROFILE", "PAGE_LOGIN_USERNAME", "PAGE_LOGIN_PASSWORD", "PAGE_LOGIN_SIGN_IN_ACTION",
                "AUTH_LOGOUT_SUCCESSFUL", "AUTH_LOGOUT_THANKS", "BANNER_CE_EOL_TEXT",
                "DASHBOARD_RIGHT_NOW", "DASHBOARD_RUNNING_PROCESS_INSTANCE", "DASHBOARD_OPEN_INCIDENTS",
                "DASHBOARD_OPEN_HUMAN_TASKS", "DASHBOARD_DEPLOYED", "DASHBOARD_PROCESS_DEFINITIONS",
                "PLUGIN_PROCESS_DEF_NAME", "PLUGIN_PROCESS_DEF_RUNNING_INSTANCES", "PLUGIN_PROCESS_DEF_INCIDENTS",
                "PROCESS_DEFINITION_DEFINITION_KEY", "PLUGIN_PROCESS_INSTANCES_LABEL", "PLUGIN_INCIDENTS_LABEL",
                "PLUGIN_PROCESS_INSTANCE_BUSINESS_KEY", "PROCESS_INSTANCE_ID_BUSINESS_KEY",
                "PROCESS_INSTANCE_INFORMATION", "PLUGIN_VARIABLE_INSTANCES_LABEL", "PLUGIN_USER_TASKS_LABEL",
                "PLUGIN_USER_TASKS_DUE_DATE", "PLUGIN_JOBS_LABEL", "CAM_WIDGET_FOOTER_TIMEZONE");
        assertThat(keys(labels("admin", "vi"))).contains(
                "USERS_USERS", "GROUPS_GROUPS", "TENANTS_TENANTS", "AUTHORIZATION_AUTHORIZATIONS", "SYSTEM_SYSTEM",
                "SIGN_OUT_ACTION", "PAGE_LOGIN_USERNAME", "PAGE_LOGIN_SIGN_IN_ACTION", "AUTH_LOGOUT_SUCCESSFUL");
        assertThat(labels("tasklist", "vi").get("DUE").asText()).isEqualTo("Hạn xử lý");
    }

    /** moment's Vietnamese date locale, with dd/MM/yyyy as its short date, in every app that has dates. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin"})
    void eachLocaleFileCarriesMomentsVietnameseDates(String app) {
        JsonNode dates = file(app, "vi").get("dateLocales");
        assertThat(dates).as(app).isNotNull();
        assertThat(dates.at("/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
        assertThat(dates.get("months")).hasSize(12);
        assertThat(dates.get("weekdays")).hasSize(7);
        List<String> englishKeys = new ArrayList<>();
        file(app, "en").get("dateLocales").fieldNames().forEachRemaining(englishKeys::add);
        assertThat(dates.fieldNames()).toIterable().containsAll(englishKeys);
    }

    /** Each app's config.js offers Vietnamese and English, English for missing keys, and loads the product's script. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void eachAppIsConfiguredForVietnamese(String app) {
        String config = text(APPS + app + "/scripts/config.js");
        assertThat(config).contains("availableLocales: ['vi', 'en']", "fallbackLocale: 'en'",
                "motcuaDefaultLocale: 'vi'", "normal: 'DD/MM/YYYY HH:mm'", "short: 'DD/MM/YYYY'",
                "customScripts: ['../motcua/motcua-webapps']", "motcuaSignIn: true", "disableWelcomeMessage: true");
    }

    /**
     * Every validation message of the form-js bundled in the webjar is one the product's script
     * translates: a message that changes with an upgrade would otherwise show in English only.
     */
    @Test
    void theScriptKnowsEveryValidationMessageOfTheBundledFormJs() {
        String deps = text("/META-INF/resources/webjars/camunda/lib/deps.js");
        String script = text(APPS + "motcua/motcua-webapps.js");
        // form-js's messages as the bundle writes them (template literals with ${…} for the numbers)
        Map<String, String> known = new TreeMap<>(Map.ofEntries(
                Map.entry("Field is required.", "/^Field is required\\.$/"),
                Map.entry("Field must match pattern ${", "/^Field must match pattern (.+)\\.$/"),
                Map.entry("Field must have minimum value of ${", "/^Field must have minimum value of (.+)\\.$/"),
                Map.entry("Field must have maximum value of ${", "/^Field must have maximum value of (.+)\\.$/"),
                Map.entry("Field must have minimum length of ${", "/^Field must have minimum length of (.+)\\.$/"),
                Map.entry("Field must have maximum length of ${", "/^Field must have maximum length of (.+)\\.$/"),
                Map.entry("Field must be a valid  international phone number. (e.g. +4930664040900)",
                        "/^Field must be a valid {1,2}international phone number\\./"),
                Map.entry("Field must be a valid email.", "/^Field must be a valid email\\.$/"),
                Map.entry("Value is not a number.", "/^Value is not a number\\.$/"),
                Map.entry("Value is expected to ", "/^Value is expected to be an integer\\.$/"),
                Map.entry("Please select a valid value, the two nearest valid values are ${",
                        "/^Please select a valid value, the two nearest valid values are (.+) and (.+)\\.$/"),
                Map.entry("Date and time must both be entered.", "/^Date and time must both be entered\\.$/")));
        known.forEach((message, pattern) -> {
            assertThat(deps).as("form-js still writes '%s'", message).contains(message);
            assertThat(script).as("the script translates '%s'", message).contains(pattern);
        });
        // and form-js writes no other message of these kinds (other libraries of the bundle write these)
        Set<String> notFormJs = Set.of(
                "Date and time must match pattern yyyy-MM-ddTHH:mm:ss[time zone]", // dmn-js's date editor
                "Field is not present in this state"); // CodeMirror's internal error
        Matcher messages = Pattern.compile("[\"`]((?:Field must|Field is|Value is|Please select a valid|Date and time must)[^\"`]*)[\"`]")
                .matcher(deps);
        Set<String> unknown = new TreeSet<>();
        while (messages.find()) {
            String message = messages.group(1);
            if (known.keySet().stream().noneMatch(message::startsWith) && !notFormJs.contains(message)) {
                unknown.add(message);
            }
        }
        assertThat(unknown).as("form-js messages the script does not translate").isEmpty();
    }

    private static Set<String> keys(JsonNode labels) {
        Set<String> keys = new TreeSet<>();
        labels.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode labels(String app, String locale) {
        return file(app, locale).get("labels");
    }

    private static JsonNode file(String app, String locale) {
        try {
            return JSON.readTree(text(APPS + app + "/locales/" + locale + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String resource) {
        try (InputStream in = WebappsLocaleTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
