package vn.motcua.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains.
 * <ul>
 * <li>APIs ({@code /api/**}, {@code /engine-rest/**}, {@code /actuator/**}): stateless HTTP Basic
 * against Camunda's users; everything needs a login except what is listed here as public.
 * No CSRF: no cookies are involved.</li>
 * <li>The monitoring centre's pages ({@code /monitor/**}): a form login against the same users,
 * with a session and Spring's CSRF protection (the pages are ours); leaders, analysts and
 * administrators only. The chart library they load ({@code /webjars/echarts/**}) is public.</li>
 * <li>Everything else: the Camunda webapps under {@code /camunda}, which have their own login,
 * session and CSRF protection (a Spring CSRF filter in front of them would break their login),
 * and the redirect from {@code /}. Any other path is denied.</li>
 * </ul>
 * The engine's REST API, at {@code /engine-rest} and inside the webapps at
 * {@code /camunda/api/engine}, is open to each role only as far as {@link EngineRestAccess} says.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** Paths the public may call without logging in. Features add theirs here, deliberately. */
    static final String[] PUBLIC_API = {
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            // Anyone may verify a signed PDF; the CSC v2 server authenticates its callers itself
            // (HTTP Basic as a user, or a bearer token of a trusted client).
            "/api/signatures/verify", "/api/csc/v2/**",
    };

    /** The procedure catalogue is public, for reading. */
    static final String[] PUBLIC_READ_API = {
            "/api/procedures", "/api/procedures/**",
            "/api/calendar/**",
    };

    /**
     * A record's own endpoints serve logged-in users and also the applicant who presents the
     * record's tracking secret; the record feature decides who may do what.
     */
    static final String[] RECORD_API = {
            "/api/records/*", "/api/records/*/**",
    };

    /**
     * The public verification page of a record's result (the QR code on the result leads there):
     * who signed and sealed it, and whether an uploaded copy is intact. No session, no cookie.
     */
    static final String[] PUBLIC_PAGES = {
            "/verify/*",
    };

    /** The monitoring centre's pages, and the chart library (a webjar) they load. */
    static final String[] MONITOR_PAGES = {
            "/monitor", "/monitor/**", "/webjars/echarts/**",
    };

    /** Who may monitor: leaders (their units and those below), analysts and administrators (all). */
    static final String[] MONITOR_ROLES = {"LEADER", "ANALYST", "ADMIN"};

    /** The OpenAPI description and Swagger UI (springdoc), outside the API chain, public. */
    static final String[] PUBLIC_API_DOCS = {
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/v3/api-docs.yaml/**",
            "/swagger-ui.html", "/swagger-ui/**",
    };

    /**
     * Path matchers on the whole request path: the engine REST API and the webapps are servlets
     * and filters of their own, which Spring MVC's default matchers do not see.
     */
    private static RequestMatcher[] paths(String... patterns) {
        return paths(null, patterns);
    }

    private static RequestMatcher[] paths(HttpMethod method, String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = builder.matcher(method, patterns[i]);
        }
        return matchers;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            IdentityService identityService) throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(paths("/api/**", "/engine-rest/**", "/actuator/**")))
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths(PUBLIC_API)).permitAll()
                        .requestMatchers(paths(HttpMethod.GET, PUBLIC_READ_API)).permitAll()
                        .requestMatchers(paths(HttpMethod.POST, "/api/records")).hasAnyRole("PORTAL", "CLERK")
                        .requestMatchers(paths(RECORD_API)).permitAll()
                        .requestMatchers(paths(HttpMethod.POST, "/api/admin/deployments/**")).hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(paths("/api/monitor/**")).hasAnyRole(MONITOR_ROLES)
                        .requestMatchers(paths("/api/admin/**", "/actuator/**")).hasRole("ADMIN")
                        // Each role gets only its part of the engine's REST API (EngineRestAccess).
                        .requestMatchers(paths("/engine-rest/**")).access(EngineRestDoor.engineRest())
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.defaultAccessDeniedHandlerFor(
                        (request, response, denied) -> EngineRestDoor.refuse(request, response),
                        new OrRequestMatcher(paths("/engine-rest/**"))))
                .httpBasic(basic -> basic.realmName("motcua"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new EngineIdentityFilter(identityService), BasicAuthenticationFilter.class)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain monitorPageSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
            throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(paths(MONITOR_PAGES)))
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/monitor/login", "/webjars/echarts/**")).permitAll()
                        .anyRequest().hasAnyRole(MONITOR_ROLES))
                .formLogin(form -> form.loginPage("/monitor/login").defaultSuccessUrl("/monitor", false)
                        .failureUrl("/monitor/login?error"))
                .logout(logout -> logout.logoutUrl("/monitor/logout").logoutSuccessUrl("/monitor/login?logout"))
                .headers(Customizer.withDefaults())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        // The webapps' REST API (Tasklist and Cockpit call the engine's through it):
                        // the same table as /engine-rest, for the user logged in to the webapps.
                        .requestMatchers(paths("/camunda/api/**")).access(EngineRestDoor.webappApi())
                        .requestMatchers(paths("/", "/error", "/camunda", "/camunda/**")).permitAll()
                        .requestMatchers(paths(PUBLIC_API_DOCS)).permitAll()
                        .requestMatchers(paths(PUBLIC_PAGES)).permitAll()
                        .anyRequest().denyAll())
                // The webapps protect themselves (session login + XSRF-TOKEN cookie/header).
                .csrf(csrf -> csrf.disable())
                // No Spring login here: a refusal of the webapps' API reaches the entry point.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        (request, response, denied) -> EngineRestDoor.refuse(request, response),
                        new OrRequestMatcher(paths("/camunda/api/**"))))
                .headers(Customizer.withDefaults())
                .build();
    }
}
