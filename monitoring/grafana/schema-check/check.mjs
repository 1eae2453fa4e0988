// Type-checks the Grafana dashboard and provisioning files against Grafana's published schema, the way Grafana would
// read them, without a Grafana to start: the dashboard against @grafana/schema (same version as the Grafana image),
// each panel's options and custom field config against its plugin's published panelcfg, each Prometheus query against
// the Prometheus plugin's published query type, and the provisioning YAML against Grafana's own structs. Every value
// becomes a TypeScript object literal, so a misspelt or unknown key is an excess-property error, not a silent no-op.
//
//   node check.mjs [dashboard.json] [provisioning dir]     (defaults: ../dashboard.json, ../provisioning)
// Exit code 0 when everything matches; 1 with the compiler's messages otherwise.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const dashboardPath = resolve(process.argv[2] ?? join(here, '..', 'dashboard.json'));
const provisioningPath = resolve(process.argv[3] ?? join(here, '..', 'provisioning'));
const build = join(here, 'build');
mkdirSync(build, { recursive: true });

const installed = join(here, 'node_modules', '@grafana', 'schema');
const schemaVersion = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;

// A dashboard stores a string enum's value ("list"); TypeScript only accepts the enum member (LegendDisplayMode.List).
// A copy of the declarations turns each string enum into the union of its values (members stay usable as types), so
// JSON is checked exactly as Grafana reads it. Numeric enums already accept their numbers.
const schema = join(build, 'grafana-schema');
rmSync(schema, { recursive: true, force: true });
cpSync(join(installed, 'dist', 'types'), schema, { recursive: true });
function unionsForStringEnums(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      unionsForStringEnums(path);
    } else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const rewritten = text.replace(/(export )?declare enum (\w+) \{([^}]*)\}/g, (whole, exported, name, body) => {
        const members = [...body.matchAll(/(\w+) = ("[^"]*"|'[^']*'|-?\d+)/g)].map((m) => [m[1], m[2]]);
        if (members.length === 0 || members.some(([, value]) => !value.startsWith('"') && !value.startsWith("'"))) {
          return whole;
        }
        const e = exported ?? '';
        return `${e}type ${name} = ${members.map(([, v]) => v).join(' | ')};\n${e}declare namespace ${name} {\n${members.map(([k, v]) => `    type ${k} = ${v};`).join('\n')}\n}`;
      });
      if (rewritten !== text) {
        writeFileSync(path, rewritten);
      }
    }
  }
}
unionsForStringEnums(schema);
const composable = join(schema, 'raw', 'composable');
const problems = [];
const literal = (value) => JSON.stringify(value, null, 2);

// The Prometheus plugin's query type ships in @grafana/prometheus, whose dependencies are the whole Grafana UI; only its
// one declaration file is needed, so it is taken from the package tarball (same version) instead of installed.
function prometheusQueryType() {
  const target = join(here, 'node_modules', '.grafana-prometheus', schemaVersion, 'dataquery.d.ts');
  if (!existsSync(target)) {
    const folder = dirname(target);
    mkdirSync(folder, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `@grafana/prometheus@${schemaVersion}`, '--silent', '--pack-destination', folder], { encoding: 'utf8' }).trim().split('\n').pop();
    const declaration = execFileSync('tar', ['-xzOf', join(folder, tarball), 'package/dist/types/dataquery.d.ts'], { encoding: 'utf8' });
    // Its only other import, @grafana/data, names the scope types of fields this dashboard does not use.
    writeFileSync(target, declaration.replace(/'@grafana\/schema'/g, literal(join(schema, 'index'))).replace(
      /import \{[^}]*\} from '@grafana\/data';/,
      'type Scope = { metadata: { name: string } }; type ScopeSpec = Record<string, unknown>; type ScopeSpecFilter = Record<string, unknown>;'));
  }
  return target;
}

function panelSchema(type) {
  const folder = join(composable, type, 'panelcfg', 'x');
  if (!existsSync(folder)) {
    return null;
  }
  const file = readdirSync(folder).find((f) => f.endsWith('.gen.d.ts'));
  const source = readFileSync(join(folder, file), 'utf8');
  return { module: join(folder, file.replace(/\.d\.ts$/, '')), hasFieldConfig: /export interface FieldConfig\b/.test(source) };
}

const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8'));
const datasourceUids = new Set();
const provisioningLines = [`import type { DatasourcesFile, DashboardsFile } from ${literal(join(here, 'grafana-provisioning'))};`];
for (const kind of ['datasources', 'dashboards']) {
  const folder = join(provisioningPath, kind);
  for (const file of existsSync(folder) ? readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)) : []) {
    const content = parseYaml(readFileSync(join(folder, file), 'utf8'));
    const name = `${kind}_${file.replace(/\W/g, '_')}`;
    provisioningLines.push(`// ${kind}/${file}`, `export const ${name}: ${kind === 'datasources' ? 'DatasourcesFile' : 'DashboardsFile'} = ${literal(content)};`);
    for (const source of kind === 'datasources' ? content?.datasources ?? [] : []) {
      datasourceUids.add(source.uid);
    }
  }
}

const lines = [
  `import type { Dashboard } from ${literal(join(schema, 'index'))};`,
  `import type { Prometheus } from ${literal(prometheusQueryType().replace(/\.d\.ts$/, ''))};`,
  `export const dashboard: Dashboard = ${literal(dashboard)};`,
];
const panels = (dashboard.panels ?? []).flatMap((p) => (p.type === 'row' ? p.panels ?? [] : [p]));
for (const panel of panels) {
  const id = `panel_${panel.id}`;
  const schema = panelSchema(panel.type);
  if (schema === null) {
    problems.push(`panel ${panel.id} (${panel.title}): Grafana ${schemaVersion} publishes no schema for panel type '${panel.type}'`);
    continue;
  }
  lines.push(`import type * as ${id} from ${literal(schema.module)};`);
  lines.push(`export const ${id}_options: ${id}.Options = ${literal(panel.options ?? {})};`);
  if (schema.hasFieldConfig && panel.fieldConfig?.defaults?.custom) {
    lines.push(`export const ${id}_custom: ${id}.FieldConfig = ${literal(panel.fieldConfig.defaults.custom)};`);
  }
  const sources = [panel.datasource];
  for (const [index, target] of (panel.targets ?? []).entries()) {
    const source = target.datasource ?? panel.datasource;
    sources.push(source);
    if (source?.type === 'prometheus') {
      lines.push(`export const ${id}_target_${index}: Prometheus = ${literal(target)};`);
    }
  }
  // A uid Grafana cannot resolve leaves the panel empty with "datasource not found": they must be the provisioned ones.
  for (const uid of new Set(sources.map((s) => s?.uid).filter((u) => u && !datasourceUids.has(u)))) {
    problems.push(`panel ${panel.id} (${panel.title}): datasource uid '${uid}' is not provisioned (${[...datasourceUids].join(', ') || 'none'})`);
  }
}

const files = { 'dashboard.check.ts': lines.join('\n') + '\n', 'provisioning.check.ts': provisioningLines.join('\n') + '\n' };
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(build, name), text);
}
const program = ts.createProgram(Object.keys(files).map((f) => join(build, f)), {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  typeRoots: [],
  // The panel schemas import '@grafana/schema': the copy with string enums as unions.
  baseUrl: here,
  paths: { '@grafana/schema': [join(schema, 'index.d.ts')] },
});
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  if (diagnostic.file) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const text = diagnostic.file.text.split('\n');
    // Name the object the error is in (the generated constant), not just a line of generated code.
    const owner = text.slice(0, line + 1).reverse().find((l) => l.startsWith('export const')) ?? '';
    problems.push(`${owner.replace(/^export const (\w+).*/, '$1')}: ${message} (at "${text[line].trim()}")`);
  } else {
    problems.push(message);
  }
}

if (problems.length > 0) {
  console.error(`Grafana ${schemaVersion} schema check FAILED for ${dashboardPath} and ${provisioningPath}:`);
  for (const problem of problems) {
    console.error(`- ${problem}`);
  }
  process.exit(1);
}
console.log(`Grafana ${schemaVersion} schema check passed: ${panels.length} panels, ${panels.reduce((n, p) => n + (p.targets?.length ?? 0), 0)} queries, provisioning (${datasourceUids.size} datasource)`);
