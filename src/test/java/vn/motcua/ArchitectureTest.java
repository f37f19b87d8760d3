package vn.motcua;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Feature boundaries. Each feature is a package under {@code vn.motcua} ({@code procedure},
 * {@code security}, {@code deadline}, …). Its top-level package is its public API; its
 * sub-packages are its own business. Features may use each other's API, never their insides,
 * and never in a cycle. The root package (the application class) may use anything.
 *
 * <p>{@code demo} holds the demo's stand-ins for the outside world (the sandbox registry, the remote
 * signing service and its CA, the demo organisation). It is a slice like the features and uses their
 * APIs, but nothing else depends on it — no feature, not the root — so the product stands without it.
 */
@AnalyzeClasses(packages = "vn.motcua", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInACycle = slices()
            .matching("vn.motcua.(*)..").should().beFreeOfCycles();

    /**
     * The only insides of a feature the demo may use besides its API, each for a reason: the signing
     * stand-in (CSC server, demo CA) keeps its soft tokens in the store the product's verification
     * reads ({@code signature.ca}) and is set up under {@code motcua.signature.*} ({@code signature.config}).
     */
    static final Set<String> INSIDES_THE_DEMO_USES = Set.of("vn.motcua.signature.ca", "vn.motcua.signature.config");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemo = noClasses()
            .that().resideOutsideOfPackage("vn.motcua.demo..")
            .should().dependOnClassesThat().resideInAPackage("vn.motcua.demo..")
            .because("the demo's stand-ins load only in the demo profile or by their own settings; "
                    + "the product must work without them");

    @ArchTest
    static final ArchRule featuresUseOnlyEachOthersTopLevelPackage = classes()
            .that().resideInAPackage("vn.motcua.*..")
            .should(new ArchCondition<JavaClass>("use another feature only through its top-level package") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String from = feature(origin.getPackageName());
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getPackageName();
                        String to = feature(target);
                        if (to != null && !to.equals(from) && !target.equals("vn.motcua." + to)
                                && !("demo".equals(from) && INSIDES_THE_DEMO_USES.contains(target))) {
                            events.add(SimpleConditionEvent.violated(dependency,
                                    dependency.getDescription() + " reaches inside feature '" + to + "'"));
                        }
                    }
                }
            });

    /**
     * Engine events enter the product through one door, {@code record.EngineDoor}, which turns a record's
     * step into {@code procedure.StepChanged} for the other features. Left: the product's own notice and
     * apology tasks (not records' steps), followed by the classes that own them — a notice's name and
     * acknowledgement ({@code NoticeFollowUp}), its form's actions ({@code LeaderActions}), the apology's
     * form ({@code LateRecords}).
     */
    @ArchTest
    static final ArchRule engineTaskEventsEnterThroughOneDoor = methods()
            .that().areAnnotatedWith(org.springframework.context.event.EventListener.class)
            .and().haveRawParameterTypes(org.camunda.bpm.engine.delegate.DelegateTask.class)
            .should().beDeclaredInClassesThat().haveFullyQualifiedName("vn.motcua.record.EngineDoor")
            .orShould().beDeclaredInClassesThat().haveFullyQualifiedName("vn.motcua.deadline.NoticeFollowUp")
            .orShould().beDeclaredInClassesThat().haveFullyQualifiedName("vn.motcua.record.LateRecords")
            .orShould().beDeclaredInClassesThat().haveFullyQualifiedName("vn.motcua.record.LeaderActions");

    @ArchTest
    static final ArchRule engineExecutionEventsEnterThroughOneDoor = methods()
            .that().areAnnotatedWith(org.springframework.context.event.EventListener.class)
            .and().haveRawParameterTypes(org.camunda.bpm.engine.delegate.DelegateExecution.class)
            .should().beDeclaredInClassesThat().haveFullyQualifiedName("vn.motcua.record.EngineDoor");

    /** The feature a package belongs to, or null outside the features (the root package, libraries). */
    static String feature(String packageName) {
        if (!packageName.startsWith("vn.motcua.")) {
            return null;
        }
        String rest = packageName.substring("vn.motcua.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
