package vn.motcua.demo.portal;

import java.net.UnknownHostException;

import vn.motcua.demo.StandInOptions;

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
        StandInOptions options = StandInOptions.parse(args, StandInPortal.DEFAULT_PORT, StandInPortal.DEFAULT_USERNAME,
                StandInPortal.DEFAULT_PASSWORD);
        StandInPortal portal = new StandInPortal(options.port(), options.host(), options.username(), options.password());
        portal.start();
        Runtime.getRuntime().addShutdownHook(new Thread(portal::stop, "stand-in-portal-shutdown"));
        System.out.println("Stand-in national portal at " + portal.baseUrl() + " (HTTP Basic " + options.username()
                + "; docs/portal-sync.md)");
        try {
            Thread.currentThread().join(); // the server's threads are daemons: keep the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
