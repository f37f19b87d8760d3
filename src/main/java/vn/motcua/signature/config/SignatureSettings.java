package vn.motcua.signature.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code motcua.signature.*}: see docs/signatures.md. */
@ConfigurationProperties("motcua.signature")
public class SignatureSettings {

    /** A RFC 3161 time-stamping authority: set, signatures are PAdES B-T; empty, B-B. */
    private String tsaUrl = "";
    /** PEM files of further trusted root (or intermediate) certificates, besides the demo root. */
    private List<String> trustAnchors = new ArrayList<>();
    /** Online revocation (CRL, OCSP) and AIA fetching during verification, with this timeout. */
    private Duration onlineTimeout = Duration.ofSeconds(5);
    /** How long a verification report is reused for the same PDF bytes (0: not at all). */
    private Duration verificationCacheTtl = Duration.ofSeconds(60);
    private DemoCa demoCa = new DemoCa();
    private Csc csc = new Csc();
    private CscServer cscServer = new CscServer();
    private Pin pin = new Pin();

    /** Wrong signing PINs lock the credential (across nodes): a PIN of 6 digits must not be guessable. */
    public static class Pin {
        /** Wrong PINs in a row after which the credential locks. */
        private int maxFailures = 5;
        /** How long it stays locked; every attempt meanwhile is refused, the right PIN too. */
        private Duration lockDuration = Duration.ofMinutes(15);

        public int getMaxFailures() { return maxFailures; }
        public void setMaxFailures(int maxFailures) { this.maxFailures = maxFailures; }
        public Duration getLockDuration() { return lockDuration; }
        public void setLockDuration(Duration lockDuration) { this.lockDuration = lockDuration; }
    }

    public static class DemoCa {
        /** Create the demo root CA and the demo leaders' and units' soft tokens at first start. */
        private boolean enabled = false;
        /** The PIN of every demo soft token. */
        private String pin = "123456";
        /** Protects the demo root CA's own key in the database. */
        private String caPassword = "demo-ca";
        /** Leaders who get a personal signing certificate: user id → unit id. */
        private Map<String, String> leaders = new LinkedHashMap<>(Map.of(
                "leader-a", "commune-a", "leader-b", "commune-b", "leader-p", "province"));
        /** Units that get an organisation seal certificate. */
        private List<String> seals = new ArrayList<>(List.of("commune-a", "commune-b", "province"));
        /** Lifetime of the certificates issued. */
        private Duration certificateValidity = Duration.ofDays(3 * 365);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getPin() { return pin; }
        public void setPin(String pin) { this.pin = pin; }
        public String getCaPassword() { return caPassword; }
        public void setCaPassword(String caPassword) { this.caPassword = caPassword; }
        public Map<String, String> getLeaders() { return leaders; }
        public void setLeaders(Map<String, String> leaders) { this.leaders = leaders; }
        public List<String> getSeals() { return seals; }
        public void setSeals(List<String> seals) { this.seals = seals; }
        public Duration getCertificateValidity() { return certificateValidity; }
        public void setCertificateValidity(Duration certificateValidity) { this.certificateValidity = certificateValidity; }
    }

    /** How to reach a CSC v2 signing service. */
    public static class CscService {
        /** The service's base URL ending in {@code /csc/v2}; empty = this product's own CSC server. */
        private String baseUrl = "";
        /** OAuth2 client credentials (grant {@code client_credentials} at {@code <base-url>/oauth2/token}). */
        private String clientId = "";
        private String clientSecret = "";
        /** Or a ready bearer token (takes precedence over the client credentials). */
        private String token = "";
        /** The signer's credential at that service; empty = the first suitable one {@code credentials/list} gives. */
        private String credentialId = "";

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
        public String getCredentialId() { return credentialId; }
        public void setCredentialId(String credentialId) { this.credentialId = credentialId; }
    }

    /** The CSC client: the default service (the built-in one unless set) and per-signer services. */
    public static class Csc extends CscService {
        /** A signer (user id, or unit id for seals) → their own CSC service, e.g. a remote signing provider. */
        private Map<String, CscService> users = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(30);

        public Map<String, CscService> getUsers() { return users; }
        public void setUsers(Map<String, CscService> users) { this.users = users; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }

        /** The service configured for the signer, falling back to the default one field by field. */
        public CscService forSigner(String signer) {
            CscService own = users.get(signer);
            CscService merged = new CscService();
            merged.setBaseUrl(pick(own == null ? null : own.getBaseUrl(), getBaseUrl()));
            boolean ownAuth = own != null && (!own.getToken().isBlank() || !own.getClientId().isBlank());
            merged.setToken(ownAuth ? own.getToken() : getToken());
            merged.setClientId(ownAuth ? own.getClientId() : getClientId());
            merged.setClientSecret(ownAuth ? own.getClientSecret() : getClientSecret());
            merged.setCredentialId(own == null ? "" : own.getCredentialId());
            return merged;
        }

        private static String pick(String own, String fallback) {
            return own == null || own.isBlank() ? fallback : own;
        }
    }

    /** The product's own CSC v2 server in front of the soft tokens. */
    public static class CscServer {
        private boolean enabled = false; // a stand-in: the demo profile turns it on
        /** OAuth2 clients (client id → secret) that may sign on a user's behalf (passing {@code userID}). */
        private Map<String, String> clients = new LinkedHashMap<>();
        /** How long a signature activation data (SAD) stays usable. */
        private Duration sadLifetime = Duration.ofMinutes(5);
        /** How long a client's access token lasts. */
        private Duration tokenLifetime = Duration.ofHours(1);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Map<String, String> getClients() { return clients; }
        public void setClients(Map<String, String> clients) { this.clients = clients; }
        public Duration getSadLifetime() { return sadLifetime; }
        public void setSadLifetime(Duration sadLifetime) { this.sadLifetime = sadLifetime; }
        public Duration getTokenLifetime() { return tokenLifetime; }
        public void setTokenLifetime(Duration tokenLifetime) { this.tokenLifetime = tokenLifetime; }
    }

    public String getTsaUrl() { return tsaUrl; }
    public void setTsaUrl(String tsaUrl) { this.tsaUrl = tsaUrl; }
    public List<String> getTrustAnchors() { return trustAnchors; }
    public void setTrustAnchors(List<String> trustAnchors) { this.trustAnchors = trustAnchors; }
    public Duration getVerificationCacheTtl() { return verificationCacheTtl; }
    public void setVerificationCacheTtl(Duration verificationCacheTtl) { this.verificationCacheTtl = verificationCacheTtl; }
    public Duration getOnlineTimeout() { return onlineTimeout; }
    public void setOnlineTimeout(Duration onlineTimeout) { this.onlineTimeout = onlineTimeout; }
    public DemoCa getDemoCa() { return demoCa; }
    public void setDemoCa(DemoCa demoCa) { this.demoCa = demoCa; }
    public Csc getCsc() { return csc; }
    public void setCsc(Csc csc) { this.csc = csc; }
    public CscServer getCscServer() { return cscServer; }
    public Pin getPin() { return pin; }
    public void setPin(Pin pin) { this.pin = pin; }
    public void setCscServer(CscServer cscServer) { this.cscServer = cscServer; }
}
