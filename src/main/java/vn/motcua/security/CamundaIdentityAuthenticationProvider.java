package vn.motcua.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks API credentials against Camunda's identity service, so the webapps and the APIs share
 * one set of users. Authorities: {@code GROUP_<group id>} for every group, plus {@code ROLE_ADMIN},
 * {@code ROLE_ANALYST}, {@code ROLE_PORTAL} and {@code ROLE_<unit role>} (e.g. {@code ROLE_CLERK}).
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null
                || !identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Bad user name or password");
        }
        List<String> groupIds = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities(groupIds));
    }

    static List<GrantedAuthority> authorities(List<String> groupIds) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String groupId : groupIds) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + groupId));
            switch (groupId) {
                case SystemGroups.ADMINS -> authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
                case SystemGroups.ANALYSTS -> authorities.add(new SimpleGrantedAuthority("ROLE_ANALYST"));
                case SystemGroups.PORTAL_CLIENTS -> authorities.add(new SimpleGrantedAuthority("ROLE_PORTAL"));
                case SystemGroups.OPERATORS -> authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
                default -> UnitRole.parse(groupId).ifPresent(unitRole -> authorities.add(
                        new SimpleGrantedAuthority("ROLE_" + unitRole.role().name())));
            }
        }
        return authorities.stream().distinct().toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
