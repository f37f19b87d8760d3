/**
 * The demo's stand-ins for the outside world, so the embedded default runs on one machine with
 * nothing national to reach. None is part of the product: no feature depends on this package
 * ({@code ArchitectureTest}), while the stand-ins use the features' APIs.
 *
 * <ul>
 * <li>{@code registry}: the sandbox registry, standing in for the four national registries the
 * lookups call ({@code motcua.sandbox.enabled}; also runs alone, {@code SandboxRegistryMain}).</li>
 * <li>{@code signing}: the remote signing service (a CSC v2 server at {@code /api/csc/v2},
 * {@code motcua.signature.csc-server.enabled}) and the demo CA that issues its soft tokens
 * ({@code motcua.signature.demo-ca.enabled}).</li>
 * <li>{@code portal}: the National Public Service Portal's status API, which the portal sync sends record
 * states to ({@code motcua.portal-stand-in.enabled}; also runs alone, {@code StandInPortalMain}).</li>
 * <li>{@code payment}: the national payment platform: its payment page, signed callbacks and the daily list
 * the reconciliation reads ({@code motcua.payment-stand-in.enabled}; also runs alone, {@code StandInPaymentMain}).</li>
 * <li>{@code organisation}: the demo staff and system users (profile {@code demo}).</li>
 * </ul>
 *
 * The settings are false by default and true in {@code application-demo.yaml}; the {@code prod}
 * profile refuses them unless {@code motcua.stand-ins.enabled} asks for them
 * ({@code operations.ProductionSettings}).
 */
package vn.motcua.demo;
