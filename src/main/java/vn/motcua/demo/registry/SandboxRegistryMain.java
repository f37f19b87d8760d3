package vn.motcua.demo.registry;

import java.net.UnknownHostException;

import vn.motcua.demo.StandInOptions;

/**
 * Runs the sandbox registry on its own, without the app (e.g. for a connector developer or a second
 * machine):
 *
 * <pre>
 * java -Dloader.main=vn.motcua.demo.registry.SandboxRegistryMain -cp target/motcua.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --port=8091
 * </pre>
 *
 * Options: {@code --port=} (8091), {@code --username=} (motcua), {@code --password=} (sandbox),
 * {@code --host=} the address to listen on (loopback; {@code 0.0.0.0} for every interface).
 * Runs until the process is stopped (Ctrl+C).
 */
public final class SandboxRegistryMain {

    private SandboxRegistryMain() {
    }

    public static void main(String[] args) throws UnknownHostException {
        StandInOptions options = StandInOptions.parse(args, SandboxRegistry.DEFAULT_PORT,
                SandboxRegistry.DEFAULT_USERNAME, SandboxRegistry.DEFAULT_PASSWORD);
        SandboxRegistry registry = new SandboxRegistry(new SandboxData(), options.port(), options.host(),
                options.username(), options.password());
        registry.start();
        Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "sandbox-registry-shutdown"));
        // The HTTP server's dispatcher thread keeps the JVM alive until it is stopped.
        System.out.println("Sandbox registry at " + registry.baseUrl() + " (HTTP Basic " + options.username()
                + "; population, residence, enterprise, land; see docs/sandbox-registry.md)");
    }
}
