package vn.motcua.procedure.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code motcua lint [--forms <dir>] <dir-or-file>...}: checks procedure models the way
 * deployment does and prints one line per violation, then a summary.
 * Exit code 0 when everything conforms, 1 when anything is refused, 2 for usage errors.
 */
public final class LintCommand {

    static final String USAGE = "usage: motcua lint [--forms <dir>] <processes-dir-or-bpmn-file>...";

    public static final int OK = 0;
    public static final int VIOLATIONS = 1;
    public static final int USAGE_ERROR = 2;

    private LintCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        try {
            return lint(args == null ? new String[0] : args, out);
        } catch (IOException | RuntimeException e) {
            // Never a stack trace on the console: say what failed and how to call the command.
            out.println("lint: " + ConformanceChecker.describe(e));
            out.println(USAGE);
            return USAGE_ERROR;
        }
    }

    private static int lint(String[] args, PrintStream out) throws IOException {
        String formsArg = null;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return OK;
            } else if (arg.equals("--forms")) {
                if (i + 1 >= args.length) {
                    return usage(out, "--forms needs a directory");
                }
                formsArg = args[++i];
            } else if (arg.startsWith("--forms=")) {
                formsArg = arg.substring("--forms=".length());
            } else if (arg.startsWith("-") && arg.length() > 1) {
                return usage(out, "unknown option " + arg);
            } else {
                targets.add(arg);
            }
        }
        if (targets.isEmpty()) {
            return usage(out, "no processes directory or BPMN file given");
        }
        Path formsOption = null;
        if (formsArg != null) {
            formsOption = path(formsArg);
            if (formsOption == null || !Files.isDirectory(formsOption)) {
                return usage(out, "forms directory " + formsArg + " not found");
            }
        }
        for (String target : targets) {
            Path path = path(target);
            if (path == null || !Files.exists(path) || !Files.isReadable(path)) {
                return usage(out, "cannot read " + target);
            }
        }

        ConformanceChecker checker = new ConformanceChecker();
        Map<Path, FormSet> formSets = new LinkedHashMap<>();
        int models = 0;
        int refused = 0;
        int violations = 0;
        for (String target : targets) {
            Path path = path(target);
            Path formsDir = formsOption != null ? formsOption : defaultFormsDir(path);
            FormSet forms = formSets.get(formsDir);
            if (forms == null) {
                forms = ProcedureFiles.readForms(formsDir);
                formSets.put(formsDir, forms);
                for (Violation violation : forms.violations()) {
                    out.println(violation.withFile(formsDir.resolve(violation.file()).toString()));
                    violations++;
                }
            }
            List<ModelFile> files = ProcedureFiles.readModels(path);
            if (files.isEmpty()) {
                out.println("lint: no *.bpmn files in " + target);
            }
            boolean isDir = Files.isDirectory(path);
            for (ModelFile file : files) {
                ModelReport report = checker.check(file, forms);
                String shown = isDir ? path.resolve(file.name()).toString() : target;
                for (Violation violation : report.violations()) {
                    out.println(violation.withFile(shown));
                }
                models++;
                violations += report.violations().size();
                if (!report.conforms()) {
                    refused++;
                }
            }
        }
        out.println(plural(models, "model") + " checked, " + refused + " refused, " + plural(violations, "violation"));
        return violations == 0 ? OK : VIOLATIONS;
    }

    /**
     * {@code forms/} next to the processes directory (the parent of the directory given, or of
     * the file's directory) when it exists, else {@code ./forms}. Kept relative when the user's
     * path is relative so messages show paths the way the user typed them.
     */
    static Path defaultFormsDir(Path target) {
        Path dir = Files.isDirectory(target) ? target : parentOf(target);
        Path sibling = parentOf(dir).resolve("forms");
        return Files.isDirectory(sibling) ? sibling : Path.of("forms");
    }

    private static Path parentOf(Path path) {
        Path parent = path.normalize().getParent();
        if (parent != null) {
            return parent;
        }
        // "processes" or "." have no parent in the path itself: resolve against the working dir.
        Path absolute = path.toAbsolutePath().normalize();
        Path absoluteParent = absolute.getParent();
        if (absoluteParent == null) {
            return absolute;
        }
        return path.isAbsolute() ? absoluteParent : relativeToWorkingDir(absoluteParent);
    }

    private static Path relativeToWorkingDir(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.relativize(absolute); // "" for the working dir itself, so "forms" stays "forms"
    }

    private static Path path(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println("lint: " + problem);
        out.println(USAGE);
        return USAGE_ERROR;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
