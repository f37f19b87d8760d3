package vn.motcua.demo.sms;

import java.net.UnknownHostException;
import java.util.Arrays;

import vn.motcua.demo.StandInOptions;

/**
 * Runs the stand-in SMS gateway on its own process (production rehearsals, a second machine):
 *
 * <pre>
 * java -Dloader.main=vn.motcua.demo.sms.StandInSmsMain -cp target/motcua.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --port=8094
 * </pre>
 *
 * Options: {@code --port=} (8094), {@code --api-key=} (demo-sms-key), {@code --host=} (loopback;
 * {@code 0.0.0.0} for every interface). The API key must be the product's
 * {@code motcua.applicant-messages.sms.api-key}. Runs until stopped.
 */
public final class StandInSmsMain {

    private StandInSmsMain() {
    }

    public static void main(String[] args) throws UnknownHostException {
        for (String arg : args) {
            if (!arg.startsWith("--port=") && !arg.startsWith("--host=") && !arg.startsWith("--api-key=")) {
                System.err.println("unknown option " + arg + "; usage: [--port=" + StandInSmsGateway.DEFAULT_PORT
                        + "] [--api-key=…] [--host=127.0.0.1]");
                System.exit(2);
            }
        }
        // StandInOptions knows a username and a password: here the password is the API key, the username unused.
        String[] translated = Arrays.stream(args)
                .map(arg -> arg.startsWith("--api-key=") ? "--password=" + arg.substring("--api-key=".length()) : arg)
                .toArray(String[]::new);
        StandInOptions options = StandInOptions.parse(translated, StandInSmsGateway.DEFAULT_PORT, "",
                StandInSmsGateway.DEFAULT_API_KEY);
        StandInSmsGateway gateway = new StandInSmsGateway(options.port(), options.host(), options.password());
        gateway.start();
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop, "stand-in-sms-shutdown"));
        System.out.println("Stand-in SMS gateway at " + gateway.baseUrl() + " (POST /sms, Authorization: Bearer …)");
        try {
            Thread.currentThread().join(); // the server's threads are daemons: keep the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
