package vn.motcua.procedure.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads procedure models ({@code processes/*.bpmn}) and Camunda Forms ({@code forms/*.form}) from disk. */
public final class ProcedureFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcedureFiles() {
    }

    /**
     * The {@code *.bpmn} files of a directory (not recursive, sorted by name), or the one file
     * given. Names are file names, which are also the deployment resource names.
     */
    public static List<ModelFile> readModels(Path dirOrFile) throws IOException {
        if (Files.isDirectory(dirOrFile)) {
            List<ModelFile> models = new ArrayList<>();
            for (Path path : list(dirOrFile, ".bpmn")) {
                models.add(new ModelFile(path.getFileName().toString(), Files.readAllBytes(path)));
            }
            return List.copyOf(models);
        }
        if (!Files.exists(dirOrFile)) {
            throw new NoSuchFileException(dirOrFile.toString());
        }
        return List.of(new ModelFile(dirOrFile.getFileName().toString(), Files.readAllBytes(dirOrFile)));
    }

    /**
     * The {@code *.form} files of a directory: valid forms by id, and a {@code form-valid}
     * violation for every file that is not Camunda Form JSON or repeats an id. A missing
     * directory is an empty set (every formRef then reports the missing form).
     */
    public static FormSet readForms(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return FormSet.empty();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Violation> unreadable = new ArrayList<>();
        for (Path path : list(dir, ".form")) {
            String name = path.getFileName().toString();
            try {
                files.put(name, Files.readAllBytes(path));
            } catch (IOException e) {
                unreadable.add(Violation.of(name, null, Rule.FORM_VALID, "could not be read: " + e));
            }
        }
        FormSet forms = forms(files);
        List<Violation> violations = new ArrayList<>(unreadable);
        violations.addAll(forms.violations());
        return new FormSet(forms.byId(), violations);
    }

    /**
     * Form files given by name and content (e.g. the {@code .form} resources of one deployment), checked
     * as {@link #readForms(Path)} checks a directory; in the given order.
     */
    public static FormSet forms(Map<String, byte[]> files) {
        Map<String, FormFile> byId = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = file.getKey();
            byte[] content = file.getValue();
            FormCheck result = checkForm(name, content);
            if (result.violation() != null) {
                violations.add(result.violation());
            } else if (byId.containsKey(result.formId())) {
                violations.add(Violation.of(name, result.formId(), Rule.FORM_VALID, "form id '" + result.formId()
                        + "' is already used by " + byId.get(result.formId()).name() + "; give each form its own id"));
            } else {
                byId.put(result.formId(), new FormFile(name, result.formId(), content));
            }
        }
        return new FormSet(byId, violations);
    }

    private record FormCheck(String formId, Violation violation) {
    }

    private static FormCheck checkForm(String name, byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return invalid(name, null, "is not JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return invalid(name, null, "is not JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return invalid(name, null, "is not a Camunda Form: expected a JSON object");
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return invalid(name, null, "has no string 'id'; set the form id in Camunda Modeler (Form > ID)");
        }
        String formId = id.asText();
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || !"default".equals(type.asText())) {
            return invalid(name, formId, "has type " + (type == null ? "missing" : type.toString())
                    + "; a Camunda Form has \"type\": \"default\"");
        }
        JsonNode components = root.get("components");
        if (components == null || !components.isArray()) {
            return invalid(name, formId, "has no 'components' array");
        }
        return new FormCheck(formId, null);
    }

    private static FormCheck invalid(String name, String formId, String reason) {
        return new FormCheck(formId, Violation.of(name, formId, Rule.FORM_VALID, "form file " + reason));
    }

    private static List<Path> list(Path dir, String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(extension))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }
}
