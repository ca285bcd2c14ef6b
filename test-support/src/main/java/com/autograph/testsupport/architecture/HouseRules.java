package com.autograph.testsupport.architecture;

import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture every module keeps (DESIGN.md), as ArchUnit rules. Each module runs
 * them on its own production classes: its {@code ArchitectureTest} is annotated
 * {@code AnalyzeClasses(packages = "com.autograph.<module>", importOptions = DoNotIncludeTests)}
 * and holds {@code ArchTests.in(HouseRules.class)} in an {@code ArchTest} field.
 *
 * Every rule allows an empty selection: a module without controllers (or without shared
 * code) has nothing to break.
 */
public final class HouseRules {

    /** The root package of each deployable service (the gateway included). */
    public static final List<String> SERVICES = List.of("com.autograph.gateway", "com.autograph.auth",
            "com.autograph.diagram", "com.autograph.ai", "com.autograph.collaboration", "com.autograph.git",
            "com.autograph.export", "com.autograph.integration");

    private static final String[] SERVICE_PACKAGES = SERVICES.stream().map(root -> root + "..").toArray(String[]::new);

    private static final String CONTROLLER = "org.springframework.stereotype.Controller";

    /** A service talks to another over HTTP, never through its classes. */
    @ArchTest
    public static final ArchRule servicesDoNotImportEachOther = classes().that()
        .resideInAnyPackage(SERVICE_PACKAGES)
        .should(notDependOnAnotherService())
        .allowEmptyShould(true);

    /** shared-lib and diagram-model are used by services and know none of them. */
    @ArchTest
    public static final ArchRule librariesKnowNoService = noClasses().that()
        .resideInAnyPackage("com.autograph.shared..", "com.autograph.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SERVICE_PACKAGES)
        .allowEmptyShould(true);

    /** diagram-model is a plain Java library: no Spring, no shared-lib. */
    @ArchTest
    public static final ArchRule theDocumentModelIsPlainJava = noClasses().that()
        .resideInAPackage("com.autograph.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "com.autograph.shared..")
        .allowEmptyShould(true);

    /**
     * No package of a module depends, through any path, on a package that depends back on
     * it: each package can be read, tested and moved on its own terms. Every package
     * below a module's root is its own slice; the root itself (the application class and
     * the configuration that wires the features together) is not one, as it knows every
     * feature by design.
     */
    @ArchTest
    public static final ArchRule noPackageCycles = slices().matching("com.autograph.*.(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true);

    /**
     * Controllers are reached through HTTP only; nothing else in the service calls them.
     */
    @ArchTest
    public static final ArchRule controllersArePackagePrivate = classes().that()
        .areMetaAnnotatedWith(CONTROLLER)
        .should()
        .notBePublic()
        .allowEmptyShould(true);

    /** SQL lives in a feature's repository or query class, not in the HTTP layer. */
    @ArchTest
    public static final ArchRule controllersHoldNoDatabaseAccess = noClasses().that(areControllersOrNestedInOne())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.persistence.EntityManager")
        .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule controllersHoldNoSql = classes().that(areControllersOrNestedInOne())
        .should(SqlStrings.containNone())
        .allowEmptyShould(true);

    private HouseRules() {
    }

    static Optional<String> serviceOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return SERVICES.stream().filter(root -> name.equals(root) || name.startsWith(root + ".")).findFirst();
    }

    private static ArchCondition<JavaClass> notDependOnAnotherService() {
        return new ArchCondition<>("not depend on another service's classes") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = serviceOf(origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> target = serviceOf(dependency.getTargetClass());
                    if (target.isPresent() && !target.get().equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> areControllersOrNestedInOne() {
        return new DescribedPredicate<>("are controllers or nested in one") {
            @Override
            public boolean test(JavaClass javaClass) {
                JavaClass outermost = javaClass;
                while (outermost.getEnclosingClass().isPresent()) {
                    outermost = outermost.getEnclosingClass().get();
                }
                return outermost.isMetaAnnotatedWith(CONTROLLER);
            }
        };
    }

}
