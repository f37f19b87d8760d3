package vn.motcua.procedure.conformance;

import java.util.Arrays;
import java.util.Objects;

/**
 * A valid Camunda Form file.
 *
 * @param name    file name relative to the forms directory, e.g. {@code reception.form}
 * @param formId  the form's {@code id}, which models reference with {@code camunda:formRef}
 * @param content the raw JSON bytes (copied in and out)
 */
public record FormFile(String name, String formId, byte[] content) {

    public FormFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formId, "formId");
        content = content == null ? new byte[0] : content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FormFile that && name.equals(that.name) && formId.equals(that.formId)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, formId, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "FormFile[" + name + ", id=" + formId + ", " + content.length + " bytes]";
    }
}
