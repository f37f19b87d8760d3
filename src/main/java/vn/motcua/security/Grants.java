package vn.motcua.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds Camunda permissions idempotently: an existing grant is extended, never duplicated, so
 * start-up may run on every node and every restart.
 */
final class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);

    private final AuthorizationService authorizationService;

    Grants(AuthorizationService authorizationService) {
        this.authorizationService = authorizationService;
    }

    void toGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        save(existing != null ? existing : newGrant(AUTH_TYPE_GRANT, resource, resourceId, a -> a.setGroupId(groupId)),
                permissions);
    }

    /**
     * Takes back a permission every user had on the resource (a global authorization), if any: the
     * Tasklist filters of older versions were shared that way.
     */
    void revokeFromEveryone(Resource resource, String resourceId) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GLOBAL).resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null) {
            authorizationService.deleteAuthorization(existing.getId());
        }
    }

    private Authorization newGrant(int type, Resource resource, String resourceId,
            java.util.function.Consumer<Authorization> who) {
        Authorization authorization = authorizationService.createNewAuthorization(type);
        who.accept(authorization);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        return authorization;
    }

    private void save(Authorization authorization, Permission... permissions) {
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        try {
            authorizationService.saveAuthorization(authorization);
        } catch (RuntimeException e) {
            // Another node granted the same at the same moment: the grant exists, which is all we want.
            log.debug("Grant on {} {} not saved ({}); assuming another node made it",
                    authorization.getResourceType(), authorization.getResourceId(), e.getMessage());
        }
    }
}
