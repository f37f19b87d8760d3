package vn.motcua.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The command line of a stand-in run on its own ({@code SandboxRegistryMain}, {@code StandInPortalMain}):
 * {@code --port=}, {@code --username=}, {@code --password=}, {@code --host=} (loopback by default;
 * {@code 0.0.0.0} for every interface).
 */
public record StandInOptions(int port, String username, String password, InetAddress host) {

    /** The options from {@code args}, each defaulting to the given; an unknown one ends the process (exit 2). */
    public static StandInOptions parse(String[] args, int port, String username, String password)
            throws UnknownHostException {
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
                System.err.println("unknown option " + arg + "; usage: [--port=" + port + "] [--username=" + username
                        + "] [--password=…] [--host=127.0.0.1]");
                System.exit(2);
            }
        }
        return new StandInOptions(port, username, password, host);
    }
}
