package vn.motcua.procedure;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationContext;

import vn.motcua.procedure.conformance.ModelExpressions;

/**
 * The beans an expression in a model can reach: only {@link ModelExpressions#BEANS}, looked up
 * in the Spring context when first used (the engine is built before those beans exist). Given to
 * the engine as its bean map, it replaces the resolver that would expose the whole context
 * ({@code identityService}, data sources, …) to a model that slipped past the check.
 */
final class ModelBeans extends AbstractMap<Object, Object> {

    private final ApplicationContext context;

    ModelBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String bean && ModelExpressions.BEANS.contains(bean) && context.containsBean(bean);
    }

    @Override
    public Object get(Object name) {
        return containsKey(name) ? context.getBean((String) name) : null;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        Set<Map.Entry<Object, Object>> entries = new LinkedHashSet<>();
        for (String bean : new TreeSet<>(ModelExpressions.BEANS)) {
            if (context.containsBean(bean)) {
                entries.add(new SimpleImmutableEntry<>(bean, context.getBean(bean)));
            }
        }
        return entries;
    }
}
