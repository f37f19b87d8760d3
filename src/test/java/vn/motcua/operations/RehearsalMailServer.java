package vn.motcua.operations;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The production rehearsal's SMTP server ({@link ProductionRehearsalIT}): GreenMail's SMTP, as a process of its
 * own (the rehearsal's stand-in for the province's mail relay, Mailpit in docker/compose.yaml), plus a tiny HTTP
 * answer listing what it received, one message a line: {@code Message-ID<TAB>recipients<TAB>subject}.
 * <pre>java -cp &lt;test class path&gt; vn.motcua.operations.RehearsalMailServer &lt;smtp port&gt; &lt;http port&gt;</pre>
 */
public final class RehearsalMailServer {

    private RehearsalMailServer() {
    }

    public static void main(String[] args) throws IOException {
        int smtpPort = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/messages", exchange -> {
            StringBuilder lines = new StringBuilder();
            for (MimeMessage message : mail.getReceivedMessages()) {
                try {
                    lines.append(message.getMessageID()).append('\t')
                            .append(Arrays.stream(message.getAllRecipients()).map(Address::toString)
                                    .collect(Collectors.joining(",")))
                            .append('\t').append(message.getSubject()).append('\n');
                } catch (MessagingException e) {
                    lines.append("unreadable\t\t").append(e.getMessage()).append('\n');
                }
            }
            byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            mail.stop();
        }));
        System.out.println("SMTP at 127.0.0.1:" + smtpPort + ", received messages at http://127.0.0.1:" + httpPort
                + "/messages");
    }
}
