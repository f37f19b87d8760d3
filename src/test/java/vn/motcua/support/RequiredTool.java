package vn.motcua.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.AssertionFailedError;

/**
 * Outside tools some tests need (Debian's Chromium and chromedriver, poppler's {@code pdfsig}).
 * On CI ({@code CI=true}, which {@code .ci/run} exports after installing them) a missing tool fails
 * the test; on a developer's machine the test is skipped (a JUnit assumption, reported as skipped),
 * never passed without having checked anything.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Whether this run is CI's: {@code CI=true} in the environment. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Stops the test unless the tool is installed: a failure on CI, a skipped test elsewhere.
     *
     * @param installed whether the tool was found
     * @param what      the tool and how to install it, for the message
     */
    public static void require(boolean installed, String what) {
        if (installed) {
            return;
        }
        String message = what + " is not installed";
        if (onCi()) {
            throw new AssertionFailedError(message + "; CI (CI=true) requires it (.ci/run installs it)");
        }
        assumeTrue(false, message + "; skipped outside CI");
    }

    /** Stops the test unless {@code command} is an executable on the {@code PATH} (see {@link #require}). */
    public static void requireCommand(String command, String what) {
        require(onPath(command), what);
    }

    /** Whether {@code command} is an executable file in one of the {@code PATH}'s directories. */
    public static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
