package vn.motcua.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** Calendars for the tests, bound from YAML exactly as Spring binds {@code motcua.calendar}. */
final class Calendars {

    private Calendars() {
    }

    /** The configuration shipped in {@code application.yaml}. */
    static CalendarProperties shippedProperties() {
        return bind(new ClassPathResource("application.yaml"), Map.of());
    }

    static WorkingCalendars shipped() {
        return new WorkingCalendars(shippedProperties());
    }

    /** The defaults, no official schedule: the computed rules alone. */
    static WorkingCalendars computed() {
        return new WorkingCalendars(CalendarProperties.defaults());
    }

    /** A configuration written as YAML (the whole document, from {@code motcua:}). */
    static CalendarProperties fromYaml(String yaml) {
        return bind(new ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.yaml"), Map.of());
    }

    /** The shipped configuration with some properties set on top (e.g. {@code motcua.calendar.mode=24x7}). */
    static CalendarProperties shippedWith(Map<String, String> overrides) {
        return bind(new ClassPathResource("application.yaml"), overrides);
    }

    private static CalendarProperties bind(Resource yaml, Map<String, String> overrides) {
        try {
            List<ConfigurationPropertySource> sources = new ArrayList<>();
            sources.add(new MapConfigurationPropertySource(overrides));
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("test", yaml)) {
                sources.addAll(toList(org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(source)));
            }
            return new Binder(sources).bindOrCreate("motcua.calendar", Bindable.of(CalendarProperties.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ConfigurationPropertySource> toList(Iterable<ConfigurationPropertySource> sources) {
        List<ConfigurationPropertySource> list = new ArrayList<>();
        sources.forEach(list::add);
        return list;
    }
}
