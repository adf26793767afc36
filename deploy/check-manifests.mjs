// Checks deploy/ without a cluster: every Kubernetes object against the API's schema (kubernetes-models' validators,
// generated from the Kubernetes OpenAPI document), and what a schema cannot see — names that must meet (selectors,
// ConfigMaps, Secrets, the autoscaler's target), the security settings every pod must keep, the migrate Job's
// command, the compose files' references, and that every setting given to the app is one the README documents.
// Usage: node deploy/check-manifests.mjs <folder holding node_modules with kubernetes-models and yaml>
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const modules = join(process.argv[2] ?? ".", "node_modules");
const YAML = createRequire(join(modules, "_"))("yaml");
const deploy = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(deploy, "..", "README.md"), "utf8");
const errors = [];
const fail = (where, what) => errors.push(`${where}: ${what}`);

const yamlFiles = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
});
const documents = (path) => YAML.parseAllDocuments(readFileSync(path, "utf8")).map((d) => {
  if (d.errors.length) fail(relative(deploy, path), d.errors[0].message);
  return d.toJS({ maxAliasCount: 100 });
}).filter(Boolean);

// --- Kubernetes ---------------------------------------------------------------------------------------------------
const objects = [];
for (const path of yamlFiles(join(deploy, "k8s"))) {
  const where = relative(deploy, path);
  for (const object of documents(path)) {
    if (object.kind === "Kustomization") {
      for (const resource of object.resources ?? []) {
        const target = join(dirname(path), resource);
        if (!existsSync(target)) fail(where, `resource ${resource} does not exist`);
        else if (statSync(target).isDirectory() ? !existsSync(join(target, "kustomization.yaml")) : resource.includes("..")) {
          fail(where, `resource ${resource}: kustomize takes files from its own folder only, and other folders holding a kustomization.yaml`);
        }
      }
      continue;
    }
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
    const model = join(modules, "kubernetes-models", ...(group ? [group, version] : [version]), `${object.kind}.js`);
    if (!existsSync(model)) { fail(where, `unknown ${object.apiVersion} ${object.kind}`); continue; }
    const Model = (await import(pathToFileURL(model).href))[object.kind];
    try { new Model(object).validate(); } catch (e) { fail(`${where} ${object.kind}/${object.metadata?.name}`, e.message); }
    objects.push({ where, object });
  }
}

const named = (kind) => new Set(objects.filter((o) => o.object.kind === kind).map((o) => o.object.metadata.name));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const configMaps = named("ConfigMap"), secrets = named("Secret"), deployments = objects.filter((o) => o.object.kind === "Deployment");
const settingKeys = [];
for (const { where, object } of objects) {
  const name = `${where} ${object.kind}/${object.metadata.name}`;
  if (object.kind === "ConfigMap" || object.kind === "Secret") settingKeys.push(...Object.keys(object.data ?? object.stringData ?? {}).map((k) => [name, k]));
  const pod = object.kind === "Deployment" || object.kind === "Job" ? object.spec.template.spec : null;
  if (pod) {
    if (object.kind === "Deployment" && !matches(object.spec.selector.matchLabels, object.spec.template.metadata.labels)) fail(name, "selector does not select its own pods");
    if (pod.securityContext?.runAsNonRoot !== true) fail(name, "pods must run as non-root");
    if (pod.automountServiceAccountToken !== false) fail(name, "pods need no service account token");
    for (const c of pod.containers) {
      const s = c.securityContext ?? {};
      if (s.readOnlyRootFilesystem !== true || s.allowPrivilegeEscalation !== false || !s.capabilities?.drop?.includes("ALL")) {
        fail(name, `${c.name}: read-only root, no privilege escalation, every capability dropped`);
      }
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name)) fail(name, `no ConfigMap ${from.configMapRef.name}`);
        if (from.secretRef && !secrets.has(from.secretRef.name)) fail(name, `no Secret ${from.secretRef.name}`);
      }
      settingKeys.push(...(c.env ?? []).map((e) => [name, e.name]));
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe].filter(Boolean)) {
        if (!["/health/live", "/health/ready"].includes(probe.httpGet?.path)) fail(name, `probe on ${probe.httpGet?.path}: the app answers /health/live and /health/ready`);
        const port = probe.httpGet.port;
        if (port !== 8080 && !(c.ports ?? []).some((p) => p.name === port)) fail(name, `probe port ${port} is not a port of ${c.name}`);
      }
      if (c.readinessProbe && c.readinessProbe.httpGet.path !== "/health/ready") fail(name, "readiness is /health/ready (it turns 503 while draining)");
      if (object.kind === "Job" && JSON.stringify(c.args) !== '["migrate"]') fail(name, "the migrate Job runs `migrate`");
    }
    if (object.kind === "Deployment" && (pod.terminationGracePeriodSeconds ?? 30) <= 25) fail(name, "the grace period must exceed Host:ShutdownTimeout (25 s)");
  }
  if (object.kind === "Service" && !deployments.some((d) => matches(object.spec.selector, d.object.spec.template.metadata.labels))) fail(name, "selects no Deployment's pods");
  if (object.kind === "PodDisruptionBudget" && !deployments.some((d) => matches(object.spec.selector.matchLabels, d.object.spec.template.metadata.labels))) fail(name, "selects no Deployment's pods");
  if (object.kind === "HorizontalPodAutoscaler" && !named("Deployment").has(object.spec.scaleTargetRef.name)) fail(name, `no Deployment ${object.spec.scaleTargetRef.name}`);
  if (object.kind === "Ingress") {
    for (const path of object.spec.rules.flatMap((r) => r.http.paths)) {
      if (!named("Service").has(path.backend.service.name)) fail(name, `no Service ${path.backend.service.name}`);
    }
  }
}

// --- Compose ------------------------------------------------------------------------------------------------------
for (const path of yamlFiles(join(deploy, "compose"))) {
  const where = relative(deploy, path);
  for (const file of documents(path)) {
    for (const [service, definition] of Object.entries(file.services ?? {})) {
      const extended = definition.extends && join(dirname(path), definition.extends.file);
      if (extended && !existsSync(extended)) fail(where, `${service} extends a missing ${definition.extends.file}`);
      const depends = Array.isArray(definition.depends_on) ? definition.depends_on : Object.keys(definition.depends_on ?? {});
      for (const other of depends) if (!file.services[other]) fail(where, `${service} depends on a missing ${other}`);
      settingKeys.push(...Object.keys(definition.environment ?? {}).map((k) => [`${where} ${service}`, k]));
    }
  }
}

// --- Every setting handed to the app is documented ----------------------------------------------------------------
const outside = /^(POSTGRES_|MSSQL_|ACCEPT_EULA|ASPNETCORE_|DOTNET_)/;
for (const [where, key] of settingKeys) {
  if (outside.test(key)) continue;
  const setting = key.replace(/__\d+$/, "").replaceAll("__", ":");
  if (!readme.includes(`\`${setting}\``)) fail(where, `${key}: ${setting} is not in README's configuration table`);
}

if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
console.log(`deploy/ checked: ${objects.length} Kubernetes objects valid and consistent, compose files consistent`);
