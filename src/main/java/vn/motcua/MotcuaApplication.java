package vn.motcua;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import vn.motcua.procedure.conformance.LintCommand;

/**
 * Starts the one-stop engine, or with {@code lint <dir-or-file>...} checks models against the
 * five-step rules without starting anything.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MotcuaApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "lint".equals(args[0])) {
            System.exit(LintCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(MotcuaApplication.class, args);
    }
}
