package vn.motcua.procedure;

import java.util.List;

import vn.motcua.procedure.conformance.Violation;

/**
 * What one pass over {@code processes/} and {@code forms/} did: the procedures now deployed (with
 * whether this pass made a new version), the files refused, with every violation, and the
 * procedures retired because their file left {@code processes/} (their keys).
 */
public record DeploymentReport(List<DeployedProcedure> deployed, List<RefusedFile> refused, List<String> retired) {

    public record DeployedProcedure(String file, String processKey, int version, String processDefinitionId,
            List<String> forms, boolean newVersion) {
    }

    public record RefusedFile(String file, List<Violation> violations) {
    }
}
