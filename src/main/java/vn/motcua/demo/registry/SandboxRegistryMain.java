package vn.motcua.demo.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;

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
        int port = SandboxRegistry.DEFAULT_PORT;
        String username = SandboxRegistry.DEFAULT_USERNAME;
        String password = SandboxRegistry.DEFAULT_PASSWORD;
        InetAddress host = InetAddress.getLoopbackAddress();
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--username=")) {
                username = arg.substring("--username=".length());
            } else if (arg.startsWith("--password=")) {
                password = arg.substring("--password=".length());
            } else if (arg.startsWith("--host=")) {
                host = InetAddress.getByName(arg.substring("--host=".length()));
            } else {
                System.err.println("unknown option " + arg
                        + "; usage: [--port=8091] [--username=motcua] [--password=sandbox] [--host=127.0.0.1]");
                System.exit(2);
            }
        }
        SandboxRegistry registry = new SandboxRegistry(new SandboxData(), port, host, username, password);
        registry.start();
        Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "sandbox-registry-shutdown"));
        // The HTTP server's dispatcher thread keeps the JVM alive until it is stopped.
        System.out.println("Sandbox registry at " + registry.baseUrl() + " (HTTP Basic " + username
                + "; population, residence, enterprise, land; see docs/sandbox-registry.md)");
    }
}
