package com.autograph.platform;

import static com.autograph.platform.Yamls.at;
import static com.autograph.platform.Yamls.integer;
import static com.autograph.platform.Yamls.list;
import static com.autograph.platform.Yamls.map;
import static com.autograph.platform.Yamls.maps;
import static com.autograph.platform.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.autograph.platform.Platform.ServiceSpec;

/**
 * Checks the Kubernetes manifests under {@code k8s/} against the platform contract: every
 * service has a Deployment and a ClusterIP Service on its fixed port, health probes,
 * resources, Prometheus annotations, a PodDisruptionBudget; the gateway is reachable
 * through the Ingress and scales with an HPA; the migration Job runs the db-migrations
 * image.
 *
 * <p>
 * Where the manifests come from:
 * <ul>
 * <li>When {@code kubectl} is on the PATH: the output of
 * {@code kubectl kustomize <repo>/k8s}, i.e. exactly what {@code kubectl apply -k k8s/}
 * would send (namespace, generated ConfigMap name, image tags applied). A rendering error
 * fails the tests.</li>
 * <li>Otherwise: every {@code *.yaml}/{@code *.yml} file under {@code k8s/} parsed as
 * written ({@code kustomization.yaml} and other non-Kubernetes documents skipped). Checks
 * that only make sense after kustomize (image tags, references to the generated
 * ConfigMap) are then skipped.</li>
 * </ul>
 * The system property {@code autograph.k8s.source=kubectl|files} forces one of the two.
 */
class KubernetesManifestsTest {

    static final List<ServiceSpec> SERVICES = Platform.SERVICES;

    private static boolean rendered;

    private static List<Map<String, Object>> objects;

    @BeforeAll
    static void loadManifests() {
        Path k8s = Platform.repositoryRoot().resolve("k8s");
        String source = System.getProperty("autograph.k8s.source", kubectlOnPath().isPresent() ? "kubectl" : "files");
        rendered = switch (source) {
            case "kubectl" -> true;
            case "files" -> false;
            default -> throw new IllegalArgumentException("autograph.k8s.source must be kubectl or files: " + source);
        };
        objects = rendered ? Yamls.documents(kustomize(k8s)) : readManifestFiles(k8s);
        objects = objects.stream()
            .filter(o -> o.get("kind") != null && o.get("apiVersion") != null && !"Kustomization".equals(o.get("kind")))
            .toList();
    }

    // ---- per service
    // ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void everyServiceHasADeploymentListeningOnItsFixedPort(ServiceSpec service) {
        Map<String, Object> deployment = deployment(service.name());
        assertThat(containers(deployment)).as("containers of Deployment %s", service).isNotEmpty();
        assertThat(containers(deployment).stream()
            .flatMap(c -> maps(c, "ports").stream())
            .map(p -> integer(p.get("containerPort")))).as("container ports of Deployment %s", service)
            .contains(service.port());
        assertThat(containers(deployment).stream().map(c -> imageName(string(c, "image"))))
            .as("images of Deployment %s", service)
            .contains("autograph/" + service.name());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void everyServiceHasAClusterIpServiceOnItsFixedPortSelectingItsPods(ServiceSpec service) {
        Map<String, Object> svc = single("Service", service.name());
        Map<String, Object> deployment = deployment(service.name());
        assertThat(string(svc, "spec", "type")).as("type of Service %s", service).isIn(null, "ClusterIP");
        Map<String, Object> selector = map(svc, "spec", "selector");
        assertThat(selector).as("selector of Service %s", service).isNotEmpty();
        assertThat(podLabels(deployment)).as("pod labels of Deployment %s", service).containsAllEntriesOf(selector);

        Map<String, Object> port = maps(svc, "spec", "ports").stream()
            .filter(p -> Objects.equals(integer(p.get("port")), service.port()))
            .findFirst()
            .orElse(null);
        assertThat(port).as("Service %s port %d", service, service.port()).isNotNull();
        Object target = port.getOrDefault("targetPort", port.get("port"));
        assertThat(resolveContainerPort(target, containers(deployment).getFirst()))
            .as("targetPort %s of Service %s", target, service)
            .isEqualTo(service.port());
    }

    // ---- every Deployment
    // ----------------------------------------------------------------------

    @Test
    void everyContainerHasLivenessAndReadinessProbesOnItsPort() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + container.get("name");
                checkProbe(softly, where, container, "livenessProbe", "/health/liveness");
                checkProbe(softly, where, container, "readinessProbe", "/health/readiness");
                if (container.containsKey("startupProbe")) {
                    checkProbe(softly, where, container, "startupProbe", "/health/liveness");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void everyContainerHasCpuAndMemoryRequestsAndLimits() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + container.get("name");
                for (String kind : List.of("requests", "limits")) {
                    softly.assertThat(map(container, "resources", kind))
                        .as("resources.%s of %s", kind, where)
                        .containsKeys("cpu", "memory");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void everyDeploymentIsAnnotatedForPrometheusScraping() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            Map<String, Object> annotations = map(deployment, "spec", "template", "metadata", "annotations");
            String where = "pod template annotations of " + name(deployment);
            softly.assertThat(string(annotations, "prometheus.io/scrape")).as(where + " scrape").isEqualTo("true");
            softly.assertThat(string(annotations, "prometheus.io/path")).as(where + " path").isEqualTo("/metrics");
            // The gateway's metrics are on its management port, not on the public 8080.
            Integer expected = "gateway".equals(name(deployment)) ? Integer.valueOf(Platform.GATEWAY_MANAGEMENT_PORT)
                    : Platform.PORTS.get(name(deployment));
            Integer port = integer(annotations.get("prometheus.io/port"));
            if (expected != null) {
                softly.assertThat(port).as(where + " port").isEqualTo(expected);
            }
            else {
                softly.assertThat(workloadPorts(deployment)).as(where + " port").contains(port);
            }
        }
        softly.assertAll();
    }

    @Test
    void everyDeploymentRunsAsNonRootWithAReadOnlyRootFilesystemAndWritableTmp() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            List<String> emptyDirs = maps(pod, "volumes").stream()
                .filter(v -> v.containsKey("emptyDir"))
                .map(v -> string(v, "name"))
                .toList();
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + container.get("name");
                Object runAsNonRoot = Optional.ofNullable(at(container, "securityContext", "runAsNonRoot"))
                    .orElse(at(pod, "securityContext", "runAsNonRoot"));
                softly.assertThat(runAsNonRoot).as("runAsNonRoot of " + where).isEqualTo(true);
                softly.assertThat(at(container, "securityContext", "readOnlyRootFilesystem"))
                    .as("readOnlyRootFilesystem of " + where)
                    .isEqualTo(true);
                softly
                    .assertThat(maps(container, "volumeMounts").stream()
                        .filter(m -> "/tmp".equals(m.get("mountPath")))
                        .map(m -> string(m, "name")))
                    .as("emptyDir mounted at /tmp in " + where)
                    .singleElement()
                    .isIn(emptyDirs);
            }
        }
        softly.assertAll();
    }

    @Test
    void everyDeploymentLeavesTheLoadBalancerBeforeItDrains() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            Integer grace = integer(at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"));
            // preStop delay + SHUTDOWN_TIMEOUT (30 s) must fit in the grace period.
            softly.assertThat(grace)
                .as("terminationGracePeriodSeconds of " + name(deployment))
                .isNotNull()
                .isGreaterThan(30);
            for (Map<String, Object> container : containers(deployment)) {
                softly.assertThat(at(container, "lifecycle", "preStop"))
                    .as("preStop of %s/%s", name(deployment), container.get("name"))
                    .isNotNull();
            }
        }
        softly.assertAll();
    }

    @Test
    void everyDeploymentGetsTheSharedConfigMapAndSecret() {
        SoftAssertions softly = new SoftAssertions();
        List<String> configMaps = all("ConfigMap").stream().map(KubernetesManifestsTest::name).toList();
        for (Map<String, Object> workload : workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String where = name(workload) + "/" + container.get("name");
                List<Map<String, Object>> envFrom = maps(container, "envFrom");
                softly.assertThat(envFrom.stream().map(e -> string(e, "secretRef", "name")))
                    .as("secretRef of " + where)
                    .contains("autograph-secrets");
                List<String> configMapRefs = envFrom.stream()
                    .map(e -> string(e, "configMapRef", "name"))
                    .filter(Objects::nonNull)
                    .toList();
                softly.assertThat(configMapRefs).as("configMapRef of " + where).isNotEmpty();
                if (rendered) {
                    // After kustomize the reference carries the generated name: it must
                    // exist.
                    softly.assertThat(configMaps).as("ConfigMaps referenced by " + where).containsAll(configMapRefs);
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void noSecretValueIsCommittedAndTheOperatorsSecretIsRequired() {
        // A committed Secret (or a literal value for a secret setting) would be the same
        // on every
        // install: whoever read it could sign tokens for all of them.
        assertThat(all("Secret")).as("Secrets in k8s/ (the operator creates autograph-secrets)").isEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> workload : workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String where = name(workload) + "/" + container.get("name");
                for (Map<String, Object> variable : maps(container, "env")) {
                    if (Platform.SECRETS.contains(string(variable, "name"))) {
                        softly.assertThat(variable.get("value"))
                            .as("literal %s of %s", variable.get("name"), where)
                            .isNull();
                    }
                }
                softly.assertThat(maps(container, "envFrom"))
                    .as("envFrom of " + where)
                    .filteredOn(e -> "autograph-secrets".equals(string(e, "secretRef", "name")))
                    .allSatisfy(e -> assertThat(at(e, "secretRef", "optional")).as("optional secretRef of " + where)
                        .isIn(null, false));
            }
        }
        for (Map<String, Object> configMap : all("ConfigMap")) {
            softly.assertThat(map(configMap, "data").keySet())
                .as("keys of ConfigMap " + name(configMap))
                .doesNotContainAnyElementsOf(Platform.SECRETS);
        }
        softly.assertAll();
    }

    @Test
    void theGatewaysManagementPortIsInNoService() {
        Map<String, Object> service = all("Service").stream()
            .filter(s -> "gateway".equals(name(s)))
            .findFirst()
            .orElseThrow();
        assertThat(maps(service, "spec", "ports").stream().map(p -> integer(p.get("port"))))
            .as("ports of Service gateway")
            .containsExactly(8080);
    }

    @Test
    void everyDeploymentHasAPodDisruptionBudgetSelectingItsPods() {
        List<Map<String, Object>> budgets = all("PodDisruptionBudget");
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> deployment : all("Deployment")) {
            Map<String, Object> labels = podLabels(deployment);
            List<Map<String, Object>> matching = budgets.stream().filter(pdb -> {
                Map<String, Object> selector = map(pdb, "spec", "selector", "matchLabels");
                return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
            }).toList();
            softly.assertThat(matching).as("PodDisruptionBudgets selecting " + name(deployment)).hasSize(1);
            matching.forEach(pdb -> softly.assertThat(integer(at(pdb, "spec", "minAvailable")))
                .as("minAvailable of PDB " + name(pdb))
                .isEqualTo(1));
        }
        softly.assertAll();
    }

    // ---- ingress, autoscaling, migration
    // -------------------------------------------------------

    @Test
    void theIngressRoutesEverythingToTheGateway() {
        List<Map<String, Object>> backends = new ArrayList<>();
        for (Map<String, Object> ingress : all("Ingress")) {
            for (Map<String, Object> rule : maps(ingress, "spec", "rules")) {
                for (Map<String, Object> path : maps(rule, "http", "paths")) {
                    if ("/".equals(path.get("path"))) {
                        backends.add(map(path, "backend", "service"));
                    }
                }
            }
        }
        assertThat(backends).as("Ingress backends for path /").isNotEmpty().allSatisfy(backend -> {
            assertThat(backend.get("name")).isEqualTo("gateway");
            assertThat(integer(at(backend, "port", "number"))).isEqualTo(8080);
        });
    }

    @Test
    void cpuBoundServicesHaveAHorizontalPodAutoscaler() {
        List<Map<String, Object>> autoscalers = all("HorizontalPodAutoscaler");
        assertThat(autoscalers).allSatisfy(hpa -> assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2"));
        for (String service : Platform.AUTOSCALED.stream().sorted().toList()) {
            Map<String, Object> hpa = autoscalers.stream()
                .filter(h -> "Deployment".equals(string(h, "spec", "scaleTargetRef", "kind"))
                        && service.equals(string(h, "spec", "scaleTargetRef", "name")))
                .findFirst()
                .orElse(null);
            assertThat(hpa).as("HPA for Deployment %s", service).isNotNull();
            assertThat(integer(at(hpa, "spec", "minReplicas"))).as("minReplicas of %s", service).isNotNull();
            assertThat(maps(hpa, "spec", "metrics")).as("metrics of HPA %s", service).anySatisfy(metric -> {
                assertThat(string(metric, "resource", "name")).isEqualTo("cpu");
                assertThat(integer(at(metric, "resource", "target", "averageUtilization"))).isEqualTo(70);
            });
        }
        assertThat(all("Deployment").stream().map(KubernetesManifestsTest::name)).contains("gateway");
    }

    @Test
    void theMigrationJobRunsTheDbMigrationsImage() {
        List<Map<String, Object>> jobs = all("Job");
        Map<String, Object> job = jobs.stream()
            .filter(j -> containers(j).stream()
                .anyMatch(c -> "autograph/db-migrations".equals(imageName(string(c, "image")))))
            .findFirst()
            .orElse(null);
        assertThat(job)
            .as("a Job running autograph/db-migrations among %s",
                    jobs.stream().map(KubernetesManifestsTest::name).toList())
            .isNotNull();
        assertThat(integer(at(job, "spec", "backoffLimit"))).as("backoffLimit").isNotNull();
        assertThat(integer(at(job, "spec", "ttlSecondsAfterFinished"))).as("ttlSecondsAfterFinished").isNotNull();
        assertThat(string(job, "spec", "template", "spec", "restartPolicy")).isIn("Never", "OnFailure");
    }

    @Test
    void kustomizeTagsEveryImage() {
        assumeTrue(rendered, "only checked on kustomize output (kubectl on PATH)");
        assertThat(all("Namespace").stream().map(KubernetesManifestsTest::name)).contains("autograph");
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> workload : workloads()) {
            softly.assertThat(string(workload, "metadata", "namespace"))
                .as("namespace of " + name(workload))
                .isEqualTo("autograph");
            for (Map<String, Object> container : containers(workload)) {
                softly.assertThat(string(container, "image"))
                    .as("image of " + name(workload))
                    .matches("autograph/[a-z-]+:[\\w.-]+");
            }
        }
        softly.assertAll();
    }

    // ---- helpers
    // -------------------------------------------------------------------------------

    private static void checkProbe(SoftAssertions softly, String where, Map<String, Object> container, String probe,
            String path) {
        Map<String, Object> httpGet = map(container, probe, "httpGet");
        softly.assertThat(httpGet).as(probe + ".httpGet of " + where).isNotEmpty();
        softly.assertThat(httpGet.get("path")).as(probe + " path of " + where).isEqualTo(path);
        softly.assertThat(resolveContainerPort(httpGet.get("port"), container))
            .as(probe + " port of " + where + " is a container port")
            .isNotNull()
            .isIn(containerPorts(container));
    }

    /**
     * A port given as a number, a numeric string or the name of one of the container's
     * ports.
     */
    private static Integer resolveContainerPort(Object port, Map<String, Object> container) {
        Integer number = integer(port);
        if (number != null) {
            return number;
        }
        return maps(container, "ports").stream()
            .filter(p -> Objects.equals(p.get("name"), port))
            .map(p -> integer(p.get("containerPort")))
            .findFirst()
            .orElse(null);
    }

    private static List<Integer> containerPorts(Map<String, Object> container) {
        return maps(container, "ports").stream().map(p -> integer(p.get("containerPort"))).toList();
    }

    private static List<Integer> workloadPorts(Map<String, Object> workload) {
        return containers(workload).stream().flatMap(c -> containerPorts(c).stream()).toList();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return maps(workload, "spec", "template", "spec", "containers");
    }

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(workload, "spec", "template", "metadata", "labels");
    }

    /** Repository and name of an image reference, without tag or digest. */
    static String imageName(String image) {
        if (image == null) {
            return null;
        }
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private static String name(Map<String, Object> object) {
        return string(object, "metadata", "name");
    }

    private static List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static List<Map<String, Object>> workloads() {
        return Stream.concat(all("Deployment").stream(), all("Job").stream()).toList();
    }

    private static Map<String, Object> deployment(String name) {
        return single("Deployment", name);
    }

    private static Map<String, Object> single(String kind, String name) {
        List<Map<String, Object>> found = all(kind).stream().filter(o -> name.equals(name(o))).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.getFirst();
    }

    private static Optional<Path> kubectlOnPath() {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return Stream.of(path.split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();
    }

    private static String kustomize(Path k8s) {
        Path kubectl = kubectlOnPath().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", k8s.toString())
                    .redirectError(errors.toFile())
                    .start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + k8s + " did not finish in 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + k8s + " failed (exit " + process.exitValue()
                            + "):\n" + Files.readString(errors));
                }
                return output;
            }
            finally {
                Files.deleteIfExists(errors);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<Map<String, Object>> readManifestFiles(Path k8s) {
        try (Stream<Path> files = Files.walk(k8s)) {
            return files.filter(Files::isRegularFile)
                .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                .filter(f -> !f.getFileName().toString().startsWith("kustomization."))
                .sorted()
                .flatMap(f -> Yamls.documents(Platform.read(f)).stream())
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list " + k8s, ex);
        }
    }

}
