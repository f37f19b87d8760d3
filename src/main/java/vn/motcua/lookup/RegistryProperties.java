package vn.motcua.lookup;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the product reaches each national registry ({@code motcua.registries.<registry>.*}):
 * base URL, credentials, timeouts and the retry policy of the lookup jobs. The embedded default
 * points all four at the sandbox registry (docs/sandbox-registry.md).
 *
 * @param population Cơ sở dữ liệu quốc gia về dân cư
 * @param residence the residence (household) registry, cư trú
 * @param enterprise Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp
 * @param land Cơ sở dữ liệu đất đai
 */
@ConfigurationProperties(prefix = "motcua.registries")
public record RegistryProperties(Connection population, Connection residence, Connection enterprise,
        Connection land) {

    public RegistryProperties {
        population = Connection.orDefault(population);
        residence = Connection.orDefault(residence);
        enterprise = Connection.orDefault(enterprise);
        land = Connection.orDefault(land);
    }

    public Connection of(Registry registry) {
        return switch (registry) {
            case POPULATION -> population;
            case RESIDENCE -> residence;
            case ENTERPRISE -> enterprise;
            case LAND -> land;
        };
    }

    /** Every registry's settings, for the health details (no passwords). */
    Map<String, String> baseUrls() {
        Map<String, String> urls = new TreeMap<>();
        for (Registry registry : Registry.values()) {
            urls.put(registry.name().toLowerCase(Locale.ROOT), of(registry).baseUrl());
        }
        return urls;
    }

    /**
     * One registry's connection.
     *
     * @param baseUrl e.g. {@code http://localhost:8091/population}; the lookup paths are appended
     * @param username HTTP Basic user, none when blank
     * @param password HTTP Basic password
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout how long to wait for the answer
     * @param retryCycle the Camunda retry intervals of a failed lookup job, e.g. {@code PT10S,PT1M,PT5M}
     *        (three retries with growing waits); after the last one the job raises an incident
     */
    public record Connection(String baseUrl, String username, String password, Duration connectTimeout,
            Duration readTimeout, String retryCycle) {

        public Connection {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip().replaceAll("/+$", "");
            connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(2);
            readTimeout = readTimeout != null ? readTimeout : Duration.ofSeconds(5);
            retryCycle = retryCycle == null || retryCycle.isBlank() ? "PT10S,PT1M,PT5M" : retryCycle.strip();
        }

        static Connection orDefault(Connection connection) {
            return connection != null ? connection : new Connection(null, null, null, null, null, null);
        }
    }
}
