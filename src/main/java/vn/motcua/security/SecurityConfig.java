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
import java.util.Arrays;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Two filter chains.
 * <ul>
 * <li>APIs ({@code /api/**}, {@code /engine-rest/**}, {@code /actuator/**}): stateless HTTP Basic
 * against Camunda's users; everything needs a login except what is listed here as public.
 * No CSRF: no cookies are involved.</li>
 * <li>Everything else is the staff's browser: one session, signed in once at {@code /login} (the
 * product's own form, or OpenID Connect), serving our pages ({@code /records/**}, {@code /monitor/**})
 * and Camunda's webapps under {@code /camunda}; any path not listed is denied.</li>
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
            // the applicants' tracking page: the record's code and secret (or the receipt's token), rate-limited
            "/tra-cuu", "/tra-cuu/ket-qua",
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
                        // the payment platform's callback: authenticated by its signature (docs/payments.md)
                        .requestMatchers(paths(HttpMethod.POST, "/api/payments/callback")).permitAll()
                        .requestMatchers(paths(HttpMethod.POST, "/api/records")).hasAnyRole("PORTAL", "CLERK")
                        .requestMatchers(paths(RECORD_API)).permitAll()
                        .requestMatchers(paths(HttpMethod.POST, "/api/admin/deployments/**")).hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(paths("/api/monitor/**")).hasAnyRole(MONITOR_ROLES)
                        // metrics for the operators' Prometheus (docs/operations.md)
                        .requestMatchers(paths(HttpMethod.GET, "/actuator/prometheus", "/actuator/metrics",
                                "/actuator/metrics/**")).hasAnyRole("OPERATOR", "ADMIN")
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

    /** Who works in the staff pages (the record page): a unit's staff, analysts and administrators. */
    static final String[] STAFF_ROLES = {"CLERK", "SPECIALIST", "LEADER", "RECORDS", "ANALYST", "ADMIN"};

    /** The webapps' own password login: closed, staff sign in once at {@code /login}. */
    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/*/login/**";

    /** The webapps' own logout: ends the one staff session (and, with OIDC, the provider's). */
    static final String WEBAPP_LOGOUT = "/camunda/api/admin/auth/user/*/logout";

    /**
     * The staff's browser: one session for the product's pages (sign-in, record page, monitoring
     * centre) and Camunda's webapps, which trust it through container-based authentication
     * ({@link #webappSignIn()}). Signed in with the product's own login page, or through the
     * province's OpenID Connect provider ({@link SignInProperties}). Spring's CSRF protection guards
     * our pages; the webapps under {@code /camunda} keep their own (XSRF cookie and header).
     */
    @Bean
    @Order(2)
    SecurityFilterChain staffSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            SignInProperties signIn, IdentityService identityService) throws Exception {
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths(WEBAPP_LOGIN)).denyAll()
                        // The webapps' REST API (Tasklist and Cockpit call the engine's through it):
                        // the same table as /engine-rest, for the signed-in user.
                        .requestMatchers(paths("/camunda/api/**")).access(EngineRestDoor.webappApi())
                        .requestMatchers(paths("/login", "/monitor/login", "/error", "/favicon.ico", "/webjars/**")).permitAll()
                        .requestMatchers(paths(PUBLIC_API_DOCS)).permitAll()
                        .requestMatchers(paths(PUBLIC_PAGES)).permitAll()
                        .requestMatchers(paths(MONITOR_PAGES)).hasAnyRole(MONITOR_ROLES)
                        .requestMatchers(paths("/records/**")).hasAnyRole(STAFF_ROLES)
                        .requestMatchers(paths("/admin/**")).hasRole("ADMIN")
                        .requestMatchers(paths("/", "/camunda", "/camunda/**")).authenticated()
                        .anyRequest().denyAll())
                // The webapps keep their own CSRF protection; checking an uploaded copy changes nothing.
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths("/camunda/**", "/verify/*", "/tra-cuu", "/tra-cuu/ket-qua")))
                .requestCache(cache -> cache.requestCache(savedRequests()))
                // The webapps' API answers a refusal as the engine's REST API does (JSON), never with a login page.
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(
                                (request, response, denied) -> EngineRestDoor.refuse(request, response),
                                new OrRequestMatcher(paths("/camunda/api/**")))
                        // A browser without a session (never signed in, or expired) goes to the sign-in page.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, denied) -> EngineRestDoor.refuse(request, response),
                                new OrRequestMatcher(paths("/camunda/api/**"))))
                .logout(logout -> logout
                        .logoutRequestMatcher(new OrRequestMatcher(
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"),
                                new WebappLogout(PathPatternRequestMatcher.withDefaults()
                                        .matcher(HttpMethod.POST, WEBAPP_LOGOUT))))
                        .logoutSuccessHandler(new SignedOut(signIn)))
                .headers(Customizer.withDefaults());
        if (signIn.usesOidc()) {
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .failureUrl("/login?error")
                    .userInfoEndpoint(user -> user.oidcUserService(
                            new StaffFromIdentityProvider(signIn.oidc(), identityService))));
        } else {
            // (Not with OIDC: its login brings its own providers, which a manager set here would hide.)
            http.authenticationManager(new ProviderManager(staffOnly(provider)))
                    .formLogin(form -> form.loginPage("/login").failureUrl("/login?error"));
        }
        return http.build();
    }

    /**
     * The page to return to after signing in: only a page the browser navigated to (not a font,
     * script or call a page made meanwhile), as it was asked (no "?continue" added to the webapps'
     * address).
     */
    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        cache.setRequestMatcher(request -> {
            if (!"GET".equals(request.getMethod())) {
                return false;
            }
            String destination = request.getHeader("Sec-Fetch-Dest");
            if (destination != null) {
                return destination.equals("document");
            }
            String accept = request.getHeader("Accept");
            return accept != null && accept.contains("text/html");
        });
        return cache;
    }

    /**
     * The staff's sign-in admits staff only: a user with no unit role and neither analyst nor
     * administrator (the portal's API client, say) is refused as a wrong password would be.
     */
    private static AuthenticationProvider staffOnly(AuthenticationProvider provider) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Authentication user = provider.authenticate(authentication);
                boolean staff = user.getAuthorities().stream().map(Object::toString)
                        .anyMatch(role -> Arrays.stream(STAFF_ROLES).anyMatch(staffRole -> role.equals("ROLE_" + staffRole)));
                if (!staff) {
                    throw new BadCredentialsException("not a staff account");
                }
                return user;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    /**
     * Camunda's webapps take their user from the staff session (container-based authentication),
     * after Spring Security's filters have run.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSignIn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(java.util.Map.of("authentication-provider", WebappSignIn.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /**
     * Tasklist's lists of the shared filters from the work queue, after the sign-in (the user's groups)
     * and the door (the user may call the endpoint) have done their part.
     */
    @Bean
    FilterRegistrationBean<TasklistFastLists> tasklistFastLists(WorkQueue queue, TasklistFilters filters,
            org.camunda.bpm.engine.AuthorizationService authorizations, IdentityService identity,
            org.camunda.bpm.engine.ProcessEngine engine, org.springframework.jdbc.core.simple.JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${motcua.tasklist.fast-lists:true}") boolean fastLists) {
        FilterRegistrationBean<TasklistFastLists> registration = new FilterRegistrationBean<>(
                new TasklistFastLists(queue, filters, authorizations, identity, engine, jdbc));
        registration.setEnabled(fastLists); // off: the engine answers every list (the queue is kept all the same)
        registration.addUrlPatterns("/engine-rest/filter/*", "/camunda/api/engine/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
