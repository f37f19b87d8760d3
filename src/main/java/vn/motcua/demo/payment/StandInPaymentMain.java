package vn.motcua.demo.payment;

import java.net.UnknownHostException;
import java.util.Arrays;

import vn.motcua.demo.StandInOptions;

/**
 * Runs the stand-in national payment platform on its own process (production rehearsals, a second machine):
 *
 * <pre>
 * java -Dloader.main=vn.motcua.demo.payment.StandInPaymentMain -cp target/motcua.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --port=8093
 * </pre>
 *
 * Options: {@code --port=} (8093), {@code --merchant=} (motcua-demo), {@code --secret=} (demo-payment-secret),
 * {@code --host=} (loopback; {@code 0.0.0.0} for every interface). The merchant and secret must be the
 * product's {@code motcua.payment.merchant}/{@code secret}. Runs until stopped.
 */
public final class StandInPaymentMain {

    private StandInPaymentMain() {
    }

    public static void main(String[] args) throws UnknownHostException {
        // StandInOptions knows a username and a password: here they are the merchant code and its secret.
        String[] translated = Arrays.stream(args)
                .map(arg -> arg.startsWith("--merchant=") ? "--username=" + arg.substring("--merchant=".length())
                        : arg.startsWith("--secret=") ? "--password=" + arg.substring("--secret=".length()) : arg)
                .toArray(String[]::new);
        StandInOptions options = StandInOptions.parse(translated, StandInPaymentPlatform.DEFAULT_PORT,
                StandInPaymentPlatform.DEFAULT_MERCHANT, StandInPaymentPlatform.DEFAULT_SECRET);
        StandInPaymentPlatform platform = new StandInPaymentPlatform(options.port(), options.host(),
                options.username(), options.password());
        platform.start();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stand-in-payment-shutdown"));
        System.out.println("Stand-in national payment platform at " + platform.baseUrl() + " (merchant "
                + options.username() + ")");
        try {
            Thread.currentThread().join(); // the server's threads are daemons: keep the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
