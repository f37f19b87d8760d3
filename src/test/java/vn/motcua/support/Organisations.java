package vn.motcua.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import vn.motcua.security.OrganisationProperties;
import vn.motcua.security.UnitDirectory;

/** Organisations for tests that need no Spring context: the shipped demo one, or one made up. */
public final class Organisations {

    private Organisations() {
    }

    /** The demo organisation exactly as application.yaml and application-demo.yaml configure it. */
    public static UnitDirectory demo() {
        return UnitDirectory.of(bind("application-demo.yaml", "application.yaml"));
    }

    /** The organisation as {@code motcua.organisation} reads from these classpath YAML files (first wins). */
    public static OrganisationProperties bind(String... yamlFiles) {
        MutablePropertySources sources = new MutablePropertySources();
        try {
            for (String file : yamlFiles) {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                    sources.addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("motcua.organisation", OrganisationProperties.class)
                .orElseThrow(() -> new IllegalStateException("no motcua.organisation in " + List.of(yamlFiles)));
    }

    /**
     * Units given as {@code id:kind} or {@code id:kind:parent} (default kinds), named "Name of &lt;id&gt;".
     */
    public static UnitDirectory of(String... units) {
        return UnitDirectory.of(properties(units));
    }

    public static OrganisationProperties properties(String... units) {
        Map<String, OrganisationProperties.UnitSettings> settings = new LinkedHashMap<>();
        for (String unit : units) {
            List<String> parts = new ArrayList<>(List.of(unit.split(":")));
            settings.put(parts.get(0), new OrganisationProperties.UnitSettings("Name of " + parts.get(0),
                    "English name of " + parts.get(0), parts.get(1), parts.size() > 2 ? parts.get(2) : null));
        }
        return new OrganisationProperties(null, settings);
    }
}
