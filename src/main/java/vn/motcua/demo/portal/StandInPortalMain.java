package vn.motcua.demo.portal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Runs the stand-in national portal on its own process (production rehearsals, a second machine):
 *
 * <pre>
 * java -Dloader.main=vn.motcua.demo.portal.StandInPortalMain -cp target/motcua.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --port=8092
 * </pre>
 *
 * Options: {@code --port=} (8092), {@code --username=} (motcua), {@code --password=} (portal),
 * {@code --host=} (loopback; {@code 0.0.0.0} for every interface). Runs until stopped.
 */
public final class StandInPortalMain {

    private StandInPortalMain() {
    }

    public static void main(String[] args) throws UnknownHostException {
        int port = StandInPortal.DEFAULT_PORT;
        String username = StandInPortal.DEFAULT_USERNAME;
        String password = StandInPortal.DEFAULT_PASSWORD;
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
                        + "; usage: [--port=8092] [--username=motcua] [--password=portal] [--host=127.0.0.1]");
                System.exit(2);
            }
        }
        StandInPortal portal = new StandInPortal(port, host, username, password);
        portal.start();
        Runtime.getRuntime().addShutdownHook(new Thread(portal::stop, "stand-in-portal-shutdown"));
        System.out.println("Stand-in national portal at " + portal.baseUrl() + " (HTTP Basic " + username
                + "; docs/portal-sync.md)");
        try {
            Thread.currentThread().join(); // the server's threads are daemons: keep the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
