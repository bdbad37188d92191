"""deploy/k8s/ gives a society's IT team what it needs, read with a YAML parser (no kubectl).

Every package: a migration Job that only migrates an existing database, an API with its
Service, HorizontalPodAutoscaler and PodDisruptionBudget, a worker probed and scraped on its
own port, keys from the package's one Secret by secretKeyRef, read-only containers as uid
10001. The Ingress has a host and TLS and leaves per-token rate limits to the gateway; the
NetworkPolicies are evaluated as Kubernetes would for the connections the platform needs.
"""

import typing
from pathlib import Path
from typing import Any

import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml
from deploy_support import (
    API,
    API_PORT,
    PACKAGES,
    PREFIX,
    ROOT,
    SERVICES,
    WORKER_PORT,
    package_settings,
)
from gateway.config import GatewaySettings
from gateway.routes import DEFAULT_UPSTREAMS, ROUTES, RateLimit
from pydantic import SecretStr

K8S = ROOT / "deploy" / "k8s"
# Secrets a deployment sets only when it has them (a mail account, the older data keys
# after a rotation): referenced with `optional: true`.
OPTIONAL_SECRETS = {"NOTIFICATIONS_SMTP_USERNAME", "NOTIFICATIONS_SMTP_PASSWORD"} | {
    f"{PREFIX[package]}PREVIOUS_DATA_KEYS" for package in PACKAGES
}


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text("utf-8")) if doc is not None]


def _load() -> dict[tuple[str, str], dict[str, Any]]:
    objects: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml" or path.name.endswith(".example.yaml"):
            continue
        for document in _documents(path):
            key = (document["kind"], document["metadata"]["name"])
            assert key not in objects, f"{key} defined twice"
            objects[key] = document
    return objects


OBJECTS = _load()
COMMON: dict[str, str] = OBJECTS[("ConfigMap", "cse-common")]["data"]
EXAMPLE_SECRETS = {
    document["metadata"]["name"]: document
    for document in _documents(K8S / "secret.example.yaml")
}
CREATE_ADMIN = _documents(K8S / "jobs" / "create-admin.yaml")[0]


def _pod(workload: dict[str, Any]) -> dict[str, Any]:
    pod: dict[str, Any] = workload["spec"]["template"]
    return pod


def _container(workload: dict[str, Any]) -> dict[str, Any]:
    containers: list[dict[str, Any]] = _pod(workload)["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def _workloads() -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, document)
        for (kind, name), document in OBJECTS.items()
        if kind in {"Deployment", "Job"}
    ] + [("create-admin", CREATE_ADMIN)]


def _of_package(package: str) -> list[dict[str, Any]]:
    """The workloads that run the package's image: migration Job, API, worker."""
    api = API[package]
    names = [("Job", f"{api}-migrate"), ("Deployment", api)]
    if package in SERVICES:
        names.append(("Deployment", f"{api}-worker"))
    return [OBJECTS[name] for name in names]


def _secret_variables(package: str) -> set[str]:
    return {
        f"{PREFIX[package]}{name}".upper()
        for name, field in package_settings(package).model_fields.items()
        if SecretStr in (field.annotation, *typing.get_args(field.annotation))
    }


def _port(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    return int(next(p["containerPort"] for p in container["ports"] if p["name"] == port))


# --- the folder ---------------------------------------------------------------------------


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    present = {
        path.name
        for path in K8S.glob("*.yaml")
        if path.name != "kustomization.yaml" and not path.name.endswith(".example.yaml")
    }
    assert set(kustomization["resources"]) == present
    assert kustomization["namespace"] == "cse"
    for document in OBJECTS.values():
        assert {"apiVersion", "kind", "metadata"} <= document.keys()
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "cse"


def test_postgresql_and_rabbitmq_are_the_clusters_own() -> None:
    """No in-cluster toy database or broker: they are addressed by the Secrets' URLs."""
    assert not [key for key in OBJECTS if key[0] in {"StatefulSet", "DaemonSet"}]
    for name, workload in _workloads():
        for container in _pod(workload)["spec"]["containers"]:
            assert not container["image"].startswith(("postgres", "rabbitmq")), name


# --- every package ------------------------------------------------------------------------


@pytest.mark.parametrize("package", PACKAGES)
def test_the_migration_job_only_migrates_an_existing_database(package: str) -> None:
    job = OBJECTS[("Job", f"{API[package]}-migrate")]
    command = " ".join(_container(job)["command"])
    assert "createdb" not in command
    if package == "gateway":
        assert command == "python -m gateway migrate"
    else:
        assert command == f"sh -c python -m {package} migrate && python -m {package} seed"
    assert _pod(job)["spec"]["restartPolicy"] == "Never"
    assert _container(job)["image"].startswith(f"cse/{package}:")


@pytest.mark.parametrize("package", PACKAGES)
def test_the_api_serves_probes_and_is_scraped(package: str) -> None:
    api = API[package]
    port = API_PORT[package]
    deployment = OBJECTS[("Deployment", api)]
    container = _container(deployment)
    assert container["image"].startswith(f"cse/{package}:")
    assert container["command"] == [
        "python", "-m", package, "serve", "--host", "0.0.0.0", "--port", str(port)
    ]
    assert container["ports"] == [{"name": "http", "containerPort": port}]
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert _pod(deployment)["metadata"]["annotations"] == {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": str(port),
        "prometheus.io/path": "/metrics",
    }
    service = OBJECTS[("Service", api)]
    assert service["spec"]["ports"][0]["port"] == port
    assert service["spec"]["selector"].items() <= _pod(deployment)["metadata"]["labels"].items()


@pytest.mark.parametrize("name", [*(API[p] for p in PACKAGES), "gateway"])
def test_every_api_scales_out_and_survives_a_drain(name: str) -> None:
    deployment = OBJECTS[("Deployment", name)]
    labels = _pod(deployment)["metadata"]["labels"]
    hpa = OBJECTS[("HorizontalPodAutoscaler", name)]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1", "kind": "Deployment", "name": name
    }
    assert hpa["spec"]["minReplicas"] >= 2
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    assert hpa["spec"]["metrics"]
    # The HPA scales on CPU requests: without them it cannot compute utilisation.
    for container in _pod(deployment)["spec"]["containers"]:
        assert container["resources"]["requests"]["cpu"], name
    pdb = OBJECTS[("PodDisruptionBudget", name)]
    assert pdb["apiVersion"] == "policy/v1"
    assert pdb["spec"]["minAvailable"] >= 1
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"], "a drain must be possible"
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("package", SERVICES)
def test_the_worker_is_probed_and_scraped_on_its_own_port(package: str) -> None:
    worker = OBJECTS[("Deployment", f"{package}-worker")]
    container = _container(worker)
    assert container["command"] == ["python", "-m", package, "worker"]
    assert COMMON[f"{PREFIX[package]}WORKER_PORT"] == str(WORKER_PORT)
    for probe in ("livenessProbe", "readinessProbe"):
        assert "exec" not in container[probe], "no broker port guessed from /proc/net/tcp"
        get = container[probe]["httpGet"]
        assert get["path"] == "/healthz"
        assert _port(container, get["port"]) == WORKER_PORT
    assert _pod(worker)["metadata"]["annotations"] == {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": str(WORKER_PORT),
        "prometheus.io/path": "/metrics",
    }


@pytest.mark.parametrize("package", PACKAGES)
def test_containers_are_production(package: str) -> None:
    assert COMMON[f"{PREFIX[package]}ENVIRONMENT"] == "production"
    for workload in _of_package(package):
        refs = _container(workload)["envFrom"]
        assert refs == [{"configMapRef": {"name": "cse-common"}}]


# --- keys: one Secret per package, by secretKeyRef, to every process of it ---------------


@pytest.mark.parametrize("package", PACKAGES)
def test_every_key_comes_from_the_packages_secret(package: str) -> None:
    secret_name = f"cse-{API[package]}"
    prefix = PREFIX[package]
    needed = _secret_variables(package) | {f"{prefix}DATABASE_URL"}
    if package in SERVICES:
        needed.add(f"{prefix}AMQP_URL")
    assert {f"{prefix}DATA_KEY", f"{prefix}BLIND_INDEX_KEY"} <= needed
    example = EXAMPLE_SECRETS[secret_name]
    assert example["kind"] == "Secret"
    assert needed - OPTIONAL_SECRETS <= example["stringData"].keys()
    for workload in _of_package(package):
        env = {item["name"]: item for item in _container(workload)["env"]}
        for variable in needed:
            reference = env[variable]["valueFrom"]["secretKeyRef"]
            assert reference["name"] == secret_name, (workload["metadata"]["name"], variable)
            assert reference["key"] == variable
            assert reference.get("optional", False) == (variable in OPTIONAL_SECRETS), variable
        assert all("value" not in item for item in env.values()), "no literal values"


def test_no_secret_in_the_config_map() -> None:
    secret = set().union(*(_secret_variables(package) for package in PACKAGES))
    assert not secret & COMMON.keys()
    assert not [key for key in COMMON if key.endswith(("_DATABASE_URL", "_AMQP_URL"))]


def test_every_package_has_its_own_secret() -> None:
    names = {f"cse-{API[package]}" for package in PACKAGES}
    assert set(EXAMPLE_SECRETS) == names
    for (kind, name), document in OBJECTS.items():
        if kind in {"Deployment", "Job"}:
            for container in _pod(document)["spec"]["containers"]:
                refs = [ref for ref in container.get("envFrom", []) if "secretRef" in ref]
                assert not refs, f"{name}: secrets by key, never the whole Secret"


# --- nothing writes into the image --------------------------------------------------------


@pytest.mark.parametrize("name", [name for name, _ in _workloads()])
def test_pods_run_as_uid_10001_on_a_read_only_root(name: str) -> None:
    workload = dict(_workloads())[name]
    pod = _pod(workload)["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["automountServiceAccountToken"] is False
    volumes = {volume["name"]: volume for volume in pod.get("volumes", [])}
    for container in [*pod.get("initContainers", []), *pod["containers"]]:
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True, name
        assert security["allowPrivilegeEscalation"] is False, name
        assert security["capabilities"]["drop"] == ["ALL"], name
        for mount in container.get("volumeMounts", []):
            volume = volumes[mount["name"]]
            assert {"emptyDir", "persistentVolumeClaim", "secret"} & volume.keys(), name
            if "secret" in volume:
                assert mount["readOnly"] is True, name
        if container["image"].startswith("cse/"):
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"], name


@pytest.mark.parametrize("package", PACKAGES)
def test_folders_a_package_writes_to_are_volumes(package: str) -> None:
    """Every *_dir setting points at a mounted volume, never into the read-only image."""
    api = OBJECTS[("Deployment", API[package])]
    container = _container(api)
    volumes = {volume["name"]: volume for volume in _pod(api)["spec"]["volumes"]}
    mounts = {mount["mountPath"]: volumes[mount["name"]] for mount in container["volumeMounts"]}
    for field in package_settings(package).model_fields:
        # runtime_dir: the gateway's nginx-config, checked with the gateway; mail_dir: the
        # dev mail sink of `make run`.
        if not field.endswith("_dir") or field in {"runtime_dir", "mail_dir"}:
            continue
        # Files kept in the service's PostgreSQL (e.g. evidence): every replica sees them,
        # backed up with the database, no folder at all.
        storage = f"{field.removesuffix('_dir')}_storage"
        if storage in package_settings(package).model_fields:
            assert COMMON[f"{PREFIX[package]}{storage}".upper()] == "database"
            continue
        value = COMMON.get(f"{PREFIX[package]}{field}".upper())
        assert value, f"{package}.{field} would default into the read-only image"
        volume = next(volume for path, volume in mounts.items() if value.startswith(path))
        claim = OBJECTS[("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"])]
        # Every replica reads what another stored.
        assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


# --- the public entry ---------------------------------------------------------------------


def _ingresses() -> list[dict[str, Any]]:
    return [document for (kind, _), document in OBJECTS.items() if kind == "Ingress"]


def test_every_ingress_has_a_host_and_tls() -> None:
    for ingress in _ingresses():
        hosts = {rule["host"] for rule in ingress["spec"]["rules"]}
        assert hosts, ingress["metadata"]["name"]
        assert all(hosts), ingress["metadata"]["name"]
        covered = {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
        assert hosts <= covered
        assert all(tls["secretName"] for tls in ingress["spec"]["tls"])
        annotations = ingress["metadata"]["annotations"]
        assert annotations["nginx.ingress.kubernetes.io/ssl-redirect"] == "true"
    # cert-manager issues each TLS Secret for exactly one Ingress: two would fight over it.
    issuers: dict[str, list[str]] = {}
    for ingress in _ingresses():
        for tls in ingress["spec"]["tls"]:
            if ingress["metadata"]["annotations"].get("cert-manager.io/cluster-issuer"):
                issuers.setdefault(tls["secretName"], []).append(ingress["metadata"]["name"])
    secrets = {tls["secretName"] for ingress in _ingresses() for tls in ingress["spec"]["tls"]}
    assert {name: len(owners) for name, owners in issuers.items()} == dict.fromkeys(secrets, 1)


def test_only_sign_in_is_rate_limited_by_address_at_the_ingress() -> None:
    """Per-address limits would make all staff behind one NAT share one; the gateway keys
    its limits by bearer token, so the Ingress limits only the routes that have none."""
    sign_in = {route.path for route in ROUTES if route.rate_limit == RateLimit.SIGN_IN}
    assert sign_in
    limited: set[str] = set()
    for ingress in _ingresses():
        annotations = ingress["metadata"]["annotations"]
        paths = [
            path for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]
        ]
        if not any(key.startswith("nginx.ingress.kubernetes.io/limit-") for key in annotations):
            continue
        assert annotations["nginx.ingress.kubernetes.io/limit-rps"] == "5"
        for path in paths:
            assert path["pathType"] == "Exact"
            assert path["backend"]["service"] == {"name": "identity", "port": {"number": 8090}}
            limited.add(path["path"])
    assert limited == sign_in


def test_everything_else_goes_through_the_gateway_with_room_for_uploads() -> None:
    catch_all = [
        (ingress, path)
        for ingress in _ingresses()
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
        if path["path"] == "/"
    ]
    assert len(catch_all) == 1
    ingress, path = catch_all[0]
    assert path["pathType"] == "Prefix"
    assert path["backend"]["service"] == {"name": "gateway", "port": {"number": 8080}}
    body = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    megabytes = {route.max_body for route in ROUTES}
    assert all(size.endswith("m") for size in megabytes)
    assert int(body.removesuffix("m")) >= max(int(size.removesuffix("m")) for size in megabytes)


def test_the_gateway_runs_the_route_tables_nginx(monkeypatch: pytest.MonkeyPatch) -> None:
    deployment = OBJECTS[("Deployment", "gateway")]
    pod = _pod(deployment)["spec"]
    (init,) = pod["initContainers"]
    (nginx,) = pod["containers"]
    assert init["image"].startswith("cse/gateway:")
    out = init["command"][init["command"].index("--out") + 1]
    runtime = init["command"][init["command"].index("--runtime-dir") + 1]
    assert nginx["command"][nginx["command"].index("-c") + 1] == out
    assert nginx["command"][nginx["command"].index("-p") + 1] == runtime
    shared = {m["name"] for m in init["volumeMounts"]} & {m["name"] for m in nginx["volumeMounts"]}
    assert shared
    assert nginx["ports"] == [{"name": "http", "containerPort": 8080}]
    assert OBJECTS[("Service", "gateway")]["spec"]["ports"][0]["port"] == 8080
    for key, value in COMMON.items():
        if key.startswith("GATEWAY_"):
            monkeypatch.setenv(key, value)
    settings = GatewaySettings()
    assert settings.listen_host == "0.0.0.0"
    addresses = settings.upstream_addresses
    assert set(addresses) == set(DEFAULT_UPSTREAMS)
    for name, address in addresses.items():
        host, port = address.split(":")
        assert OBJECTS[("Service", host)]["spec"]["ports"][0]["port"] == int(port), name


def test_the_first_secretariat_account_has_a_job() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    assert "jobs/create-admin.yaml" not in kustomization["resources"]
    container = _container(CREATE_ADMIN)
    command = " ".join(container["command"])
    assert "python -m gateway create-user" in command
    assert "--role secretariat" in command
    # The password reaches the command on stdin from the Secret's file, never in argv.
    assert "--password-stdin" in command
    assert "--password " not in command
    mount = next(m for m in container["volumeMounts"] if m["name"] == "first-admin")
    assert command.endswith(f"< {mount['mountPath']}/password")
    volume = next(v for v in _pod(CREATE_ADMIN)["spec"]["volumes"] if v["name"] == "first-admin")
    assert volume["secret"]["secretName"] == "cse-first-admin"
    env = {item["name"]: item["valueFrom"]["secretKeyRef"] for item in container["env"]}
    assert env["GATEWAY_DATABASE_URL"]["name"] == "cse-identity"
    readme = (ROOT / "deploy" / "README.md").read_text("utf-8")
    assert "jobs/create-admin.yaml" in readme


# --- network policies, evaluated ----------------------------------------------------------

NAMESPACE_LABELS = {
    "ingress-nginx": {"kubernetes.io/metadata.name": "ingress-nginx"},
    "monitoring": {"kubernetes.io/metadata.name": "monitoring"},
    "kube-system": {"kubernetes.io/metadata.name": "kube-system"},
}
# A peer: (namespace, pod labels) inside the cluster, or an address outside it.
Peer = tuple[str, dict[str, str]] | str


def _labels(name: str) -> dict[str, str]:
    kind = "Job" if name.endswith("-migrate") else "Deployment"
    labels: dict[str, str] = _pod(OBJECTS[(kind, name)])["metadata"]["labels"]
    return labels


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In"
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def _peer_matches(rule_peer: dict[str, Any], peer: Peer) -> bool:
    if isinstance(peer, str):
        return "ipBlock" in rule_peer  # every ipBlock here is 0.0.0.0/0
    namespace, labels = peer
    if "ipBlock" in rule_peer:
        return False
    if "namespaceSelector" in rule_peer:
        if not _selects(rule_peer["namespaceSelector"], NAMESPACE_LABELS.get(namespace, {})):
            return False
        return _selects(rule_peer.get("podSelector", {}), labels)
    return namespace == "cse" and _selects(rule_peer["podSelector"], labels)


def _allowed_by(direction: str, pod: dict[str, str], peer: Peer, port: int) -> bool:
    """Kubernetes semantics: a pod no policy selects for a direction is open; once one does,
    only the union of the rules of the policies selecting it allows."""
    policies = [
        policy["spec"]
        for (kind, _), policy in OBJECTS.items()
        if kind == "NetworkPolicy"
        and direction.capitalize() in policy["spec"]["policyTypes"]
        and _selects(policy["spec"]["podSelector"], pod)
    ]
    if not policies:
        return True
    side = "from" if direction == "ingress" else "to"
    for spec in policies:
        for rule in spec.get(direction, []):
            ports = {p["port"] for p in rule.get("ports", [])}
            if ports and port not in ports:
                continue
            if any(_peer_matches(rule_peer, peer) for rule_peer in rule.get(side, [])):
                return True
    return False


def _can_connect(source: Peer, target: Peer, port: int) -> bool:
    if (
        not isinstance(source, str)
        and source[0] == "cse"
        and not _allowed_by("egress", source[1], target, port)
    ):
        return False
    if not isinstance(target, str) and target[0] == "cse":
        return _allowed_by("ingress", target[1], source, port)
    return True


def _pod_of(name: str) -> Peer:
    return ("cse", _labels(name))


INGRESS_CONTROLLER: Peer = ("ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx"})
PROMETHEUS: Peer = ("monitoring", {"app.kubernetes.io/name": "prometheus"})
EXTERNAL_DATABASE = "10.20.0.5"
ELSEWHERE: Peer = ("default", {"app": "something"})


def test_network_policies_deny_by_default() -> None:
    deny = OBJECTS[("NetworkPolicy", "default-deny")]["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    assert not _can_connect(ELSEWHERE, _pod_of("applications"), 8000)
    assert not _can_connect(ELSEWHERE, _pod_of("identity"), 8090)
    assert not _can_connect(_pod_of("applications"), "203.0.113.7", 8080)


@pytest.mark.parametrize("package", SERVICES)
def test_network_policies_allow_what_each_service_needs(package: str) -> None:
    api, worker, job = _pod_of(package), _pod_of(f"{package}-worker"), _pod_of(f"{package}-migrate")
    # In through the gateway only; the identity app merges the OpenAPI documents.
    assert _can_connect(_pod_of("gateway"), api, 8000)
    assert _can_connect(_pod_of("identity"), api, 8000)
    assert not _can_connect(INGRESS_CONTROLLER, api, 8000), "the Ingress goes via the gateway"
    others = [_pod_of(other) for other in SERVICES if other != package]
    assert not any(_can_connect(other, api, 8000) for other in others), "services never call"
    # Token keys.
    assert _can_connect(api, _pod_of("identity"), 8090)
    # The cluster's own PostgreSQL and RabbitMQ (amqp or amqps).
    for source in (api, worker, job):
        assert _can_connect(source, EXTERNAL_DATABASE, 5432)
    for source in (api, worker):
        assert _can_connect(source, EXTERNAL_DATABASE, 5672)
        assert _can_connect(source, EXTERNAL_DATABASE, 5671)
        assert _can_connect(source, ("kube-system", {"k8s-app": "kube-dns"}), 53)
    # Scraped.
    assert _can_connect(PROMETHEUS, api, 8000)
    assert _can_connect(PROMETHEUS, worker, WORKER_PORT)
    assert not _can_connect(ELSEWHERE, worker, WORKER_PORT)


def test_network_policies_allow_the_public_entry() -> None:
    assert _can_connect(INGRESS_CONTROLLER, _pod_of("gateway"), 8080)
    assert _can_connect(INGRESS_CONTROLLER, _pod_of("identity"), 8090)  # sign-in routes
    assert _can_connect(_pod_of("gateway"), _pod_of("identity"), 8090)
    assert not _can_connect(ELSEWHERE, _pod_of("gateway"), 8080)
    # The notifications worker delivers mail and webhooks; nothing else leaves for the web.
    assert _can_connect(_pod_of("notifications-worker"), "198.51.100.25", 587)
    assert _can_connect(_pod_of("notifications-worker"), "198.51.100.25", 443)
    assert not _can_connect(_pod_of("applications-worker"), "198.51.100.25", 443)


# Kubernetes versions a society's cluster may run; every manifest must fit each API schema.
KUBERNETES_VERSIONS = ["1.28.0", "1.30.0", "1.32.0"]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_fits_the_kubernetes_api_schema(version: str) -> None:
    """Strict: an unknown or misplaced field is an error, as `kubectl apply` would reject
    or, worse, silently drop it."""
    documents = [*OBJECTS.values(), CREATE_ADMIN, *EXAMPLE_SECRETS.values()]
    for document in documents:
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            raise AssertionError(
                f"{document['kind']}/{document['metadata']['name']}: {error.message} "
                f"at {list(error.path)}"
            ) from error
