import java.io.InputStream;
import java.net.URL;
import java.nio.file.*;
import java.util.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * Would the product's camunda.bpm.* settings (src/main/resources/application*.yaml) bind under Operaton's
 * operaton.bpm.* prefix? Each key, renamed, is looked up in the Operaton starter's Spring configuration metadata;
 * each generic-properties.properties.* key must name a setter of Operaton's ProcessEngineConfigurationImpl.
 */
public class ConfigProbe {
  public static void main(String[] args) throws Exception {
    Path resources = Paths.get(args[0], "src/main/resources");
    Set<String> known = new HashSet<>(), maps = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (URL u : Collections.list(ConfigProbe.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      if (!u.toString().contains("operaton")) continue;
      try (InputStream in = u.openStream()) {
        for (JsonNode p : json.readTree(in).path("properties")) {
          String name = p.path("name").asText(); known.add(name);
          if (p.path("type").asText().startsWith("java.util.Map")) maps.add(name);
        }
      }
    }
    if (known.isEmpty()) { System.out.println("FAIL config: no Operaton configuration metadata on the classpath"); System.exit(1); }
    Set<String> setters = new HashSet<>();
    for (Class<?> c = Class.forName("org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl"); c != null; c = c.getSuperclass())
      for (var m : c.getMethods()) if (m.getName().startsWith("set") && m.getParameterCount() == 1) setters.add(m.getName().substring(3).toLowerCase(Locale.ROOT));
    int fail = 0, count = 0;
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(resources)) { s.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).sorted().forEach(files::add); }
    for (Path f : files) {
      for (Object doc : new Yaml().loadAll(Files.newBufferedReader(f))) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", doc, flat);
        for (String key : flat.keySet()) {
          if (!key.startsWith("camunda.bpm.")) continue;
          count++;
          String op = "operaton" + key.substring("camunda".length());
          String generic = "operaton.bpm.generic-properties.properties.";
          boolean ok;
          String why = "";
          if (op.startsWith(generic)) {
            String prop = op.substring(generic.length()).replace("-", "").toLowerCase(Locale.ROOT);
            ok = setters.contains(prop);
            why = ok ? "" : " (no setter ProcessEngineConfigurationImpl.set" + prop + ")";
          } else {
            ok = known.contains(op) || maps.stream().anyMatch(m -> op.startsWith(m + "."));
            why = ok ? "" : " (not in Operaton's configuration metadata)";
          }
          if (!ok) fail++;
          System.out.printf("%s %s: %s -> %s%s%n", ok ? "ok  " : "FAIL", f.getFileName(), key, op, why);
        }
      }
    }
    System.out.println(fail == 0 ? "PASS config: " + count + " camunda.bpm.* settings all exist as operaton.bpm.*"
                                 : "FAIL config: " + fail + " of " + count + " camunda.bpm.* settings have no operaton.bpm.* counterpart");
    System.exit(fail == 0 ? 0 : 1);
  }
  @SuppressWarnings("unchecked")
  static void flatten(String prefix, Object node, Map<String, Object> out) {
    if (node instanceof Map<?, ?> m) {
      for (var e : ((Map<Object, Object>) m).entrySet()) flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
    } else if (!prefix.isEmpty()) out.put(prefix, node);
  }
}
