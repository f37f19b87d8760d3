package vn.motcua.procedure.conformance;

import java.util.Arrays;
import java.util.Objects;

/**
 * A BPMN model as read from disk.
 *
 * @param name    file name relative to the processes directory, e.g. {@code birth-registration.bpmn};
 *                it is also the deployment resource name
 * @param content the raw bytes (copied in and out, so the record stays immutable)
 */
public record ModelFile(String name, byte[] content) {

    public ModelFile {
        Objects.requireNonNull(name, "name");
        content = content == null ? new byte[0] : content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelFile that && name.equals(that.name) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ModelFile[" + name + ", " + content.length + " bytes]";
    }
}
