// Says what was and was not checked in files given as declarative configuration that are
// Kubernetes manifests. Folders of configuration often keep them beside kong.yml (Kong Ingress
// Controller resources, the gateway's Deployment). Their KongPlugin and KongClusterPlugin
// resources are plugins the controller sends to Kong, so the entity rules check them
// (src/inputs/declarative/kic-plugins.ts); every other object is named here as not checked, so
// that a report does not look as if it had been. A plugin resource whose config comes from a
// Secret is named too: Secrets are not read, even one kept in the same manifest, so its config
// is not known here. One that only patches some fields from Secrets (`configPatches`) is checked
// for what it writes, and the fields it takes from Secrets are named as not checked; where such a
// field is a whole object (`path: /redis`), the entity checks that needed a field inside it are
// named too (src/engine/checks-below-secrets.ts), once per plugin. A ConfigMap that carries a
// kong.yml as text (the Kong Helm chart's `dblessConfig.config`), in whichever document of the
// file it sits, is checked in place when written as a literal block (`|`) or as a quoted string on
// one line (one-line JSON, or what `kubectl get -o json` prints): the other rules see it as a
// declarative file at the manifest's places (src/inputs/declarative/embedded-declarative.ts).
// Written otherwise (folded `>`, a quoted string over several lines) it is named as not checked,
// with why; a second one is named as not read, since one manifest is checked as one Kong node's
// configuration. Its Ingress paths are read for regexes on paths crossing 3.0
// (rules/declarative/kic-ingress-regex-paths.ts): such a manifest is then not called unchecked.

import { resolve } from 'node:path';
import { defineRule } from '../../src/engine/define-rule';
import type { UnmadeCheck } from '../../src/engine/checks-below-secrets';
import { describeEmbeddedSource } from '../../src/inputs/declarative/embedded-source';
import { fieldPathText } from '../../src/inputs/declarative/kic-plugins';
import type { ManifestObjects, UnreadableDeclarative } from '../../src/inputs/declarative/types';
import type { Entity } from '../../src/model/entities';
import { ROUTE_PATH_FACTS } from '../../src/knowledge/entities/route-paths';

type MessageId = 'notChecked' | 'ingressPathsChecked' | 'pluginCodeRead' | 'pluginsChecked' | 'pluginConfigUnread' | 'pluginFieldsFromSecrets' | 'embeddedConfig' | 'embeddedConfigLater' | 'embeddedChecked' | 'embeddedNotRead' | 'embeddedBesideFiles';

/** Why a plugin resource's config could not be checked, in the words of the message. */
const UNREAD_REASONS: Readonly<Record<ManifestObjects['unchecked'][number]['reason'], string>> = {
  'config-from-secret': 'its config is read from a Secret at sync time (`configFrom`), and Secrets are not read here (not even one in the same manifest)',
  'config-patches': 'its whole config is replaced from a Secret at sync time (`configPatches` with the empty path `""`), and Secrets are not read here (not even one in the same manifest)',
  'config-patches-not-applicable': 'a `configPatches` entry has no `path`, a path that is not a JSON Pointer (`/field`), or a path through a value that is not a mapping or list: the controller fails to apply it and sends Kong no plugin from this resource',
  'config-from-conflict': 'it sets `configFrom` together with `config` or `configPatches`, which the controller refuses (and the CRD rejects from KIC 3.1): Kong gets no plugin from it',
  'no-plugin-name': 'it names no plugin (`plugin`)',
};

export default defineRule<MessageId>({
  id: 'declarative/kubernetes-manifest',
  description: 'Lists what files given as declarative configuration that are Kubernetes manifests held: KongPlugin and KongClusterPlugin resources checked as plugins, and the objects that were not checked.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} is a Kubernetes manifest ({{kinds}}), not a Kong declarative file: it was not checked. It holds no KongPlugin or KongClusterPlugin whose config could be read; other Kong Ingress Controller resources (KongIngress, KongConsumer...) need their own review.',
    pluginCodeRead: '{{file}} is a Kubernetes manifest: the plugin code its ConfigMaps or Secrets hold for Kong\'s Helm chart (`plugins.configMaps`, `plugins.secrets`) was read as custom plugins, as the inputs list says; nothing else in it ({{kinds}}) was checked.',
    ingressPathsChecked: '{{file}} is a Kubernetes manifest: only the Ingress paths the Kong Ingress Controller passes to Kong as written were checked (for regexes, by declarative/kic-ingress-regex-paths); the rest of it ({{kinds}}) was not. It holds no KongPlugin or KongClusterPlugin whose config could be read; other Kong Ingress Controller resources (KongIngress, KongConsumer...) need their own review.',
    pluginsChecked: '{{file}} is a Kubernetes manifest. Checked as the Kong plugins the Ingress Controller makes of them: {{checked}}; {{others}}.',
    pluginConfigUnread: '{{resource}}: {{reason}}: its plugin configuration was not checked.',
    pluginFieldsFromSecrets: '{{resource}}: {{fields}} {{verb}} set from Secrets at sync time (`configPatches`), and Secrets are not read here: the rest of its config was checked, {{pronoun}} counted as set but {{valueWord}} not checked.{{unmade}}',
    embeddedConfig: '{{file}} is a Kubernetes {{kind}} that holds a Kong declarative configuration as text in `{{key}}` (as the Kong Helm chart writes `dblessConfig.config`), {{why}}: that configuration was not checked. Write it as a literal block (`|`) to have it checked in place, or extract it to a file and give that file with --declarative.',
    embeddedConfigLater: '{{file}} is a Kubernetes manifest whose document {{document}}, a {{embeddedKind}}, holds a Kong declarative configuration as text in `{{key}}`, {{why}}: that configuration was not checked. Write it as a literal block (`|`) to have it checked in place, or extract it to a file and give that file with --declarative.',
    embeddedChecked: '{{file}} is a Kubernetes manifest: the Kong declarative configuration in {{source}} was checked in place, at its lines in the manifest; its objects themselves ({{kinds}}) were not checked.',
    embeddedBesideFiles: '{{source}} holds a Kong declarative configuration, and the input also holds Kong declarative files ({{files}}): it was not checked. A ConfigMap\'s kong.yml is a whole node\'s configuration, often rendered from those very files, so it is not merged with them. Check the manifest in a run of its own (give it alone to --declarative) if it differs from the files.',
    embeddedNotRead: '{{source}} also holds a Kong declarative configuration: it was not checked. Only the one in {{read}} was: a manifest is checked as one Kong node\'s configuration, and two are not merged. Extract this one to a file and check it in a run of its own.',
  },
  remediation: 'Point --declarative at the kong.yml or decK state files and the manifests holding KongPlugin and KongClusterPlugin resources. A ConfigMap holding a kong.yml as a literal block (`kong.yml: |`) or as a quoted string on one line is checked in place; for one written otherwise, or a second one in the same manifest, extract it first (`yq \'.data["kong.yml"]\' configmap.yaml > kong.yml`, or `kubectl get configmap NAME -o jsonpath=\'{.data.kong\\.yml}\' > kong.yml`) and check that file. Check plugin configs kept in Secrets by hand, and review other Kong Ingress Controller resources against its upgrade notes.',
  docsUrl: 'https://developer.konghq.com/kubernetes-ingress-controller/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'the keys a declarative file may hold' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@kong-2.52.0', note: 'dblessConfig.config is written into a ConfigMap as data.kong.yml' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@e76b800', note: 'data.kong.yml is written as a literal block (`kong.yml: |`), the text indented below: its lines are the configuration\'s' },
    { kind: 'repo', ref: 'Kong/kubernetes-ingress-controller:internal/dataplane/kongstate/plugin.go@v3.1.0', note: 'what the controller sends to Kong for a KongPlugin or KongClusterPlugin; configFrom and configPatches are read from Secrets' },
    { kind: 'repo', ref: 'Kong/kubernetes-ingress-controller:internal/dataplane/kongstate/plugin.go@v3.4.0', note: 'kongPluginFromK8SPlugin refuses a resource whose config (after configPatches) is not empty while configFrom is set' },
    { kind: 'repo', ref: 'Kong/kubernetes-ingress-controller:internal/dataplane/kongstate/plugin.go@v3.4.0', note: 'applyJSONPatchFromNamespacedSecretRef: each configPatches entry is a JSON Patch add of the Secret value at its path (missing parents created; the empty path replaces the config)' },
    { kind: 'repo', ref: 'Kong/kubernetes-ingress-controller:internal/dataplane/kongstate/plugin.go@v3.4.0', note: 'the Secret key\'s text is put into the patch as its JSON value, so a patch of `/redis` replaces that whole object with whatever JSON the Secret holds' },
  ],
  async check(ctx) {
    const declarative = ctx.input('declarative');
    const manifests = declarative.unreadable.filter((file) => file.reason === 'kubernetes-manifest');
    // Nothing at all was checked: the operator may have pointed at the wrong file, so it is a warning.
    // Ingress paths are only read on paths crossing the 3.0 router change (declarative/kic-ingress-regex-paths).
    const ingressPathsRead = (file: UnreadableDeclarative) => ctx.crosses(ROUTE_PATH_FACTS.routerChangeIn) && (file.objects?.ingressPaths.length ?? 0) > 0;
    // Manifests whose ConfigMaps or Secrets hold the code of plugins Kong's chart mounts: read as
    // custom plugins (src/inputs/plugins/chart-object-plugins.ts), so not "unchecked" either.
    const pluginCodeFiles = new Set((ctx.optionalInput('customPlugins')?.plugins ?? [])
      .filter((plugin) => plugin.foundVia === 'chart-object')
      .flatMap((plugin) => plugin.luaFiles.filter((lua) => lua.place !== undefined).map((lua) => resolve(lua.path))));
    const holdsPluginCode = (file: UnreadableDeclarative) => pluginCodeFiles.has(resolve(file.file));
    const checkedSomething = declarative.documents.length > 0 || manifests.some((file) => (file.objects?.checked.length ?? 0) > 0 || ingressPathsRead(file) || holdsPluginCode(file));
    const severity = checkedSomething ? 'info' : 'warning';
    let unmadeChecks: ((plugin: Entity) => UnmadeCheck[]) | undefined;
    for (const file of manifests) {
      const data = { file: file.file, kind: file.kind ?? 'unknown' };
      const objects = file.objects;
      const embedded = file.embedded ?? [];
      const checkedEmbedded = embedded.find((entry) => entry.status === 'checked');
      for (const entry of embedded) {
        if (entry.status === 'unmappable' && entry.document > 1) {
          ctx.report({ messageId: 'embeddedConfigLater', severity, at: entry.origin, data: { ...data, key: entry.key, document: String(entry.document), embeddedKind: entry.kind, why: entry.why } });
        } else if (entry.status === 'unmappable') {
          ctx.report({ messageId: 'embeddedConfig', severity, at: entry.origin, data: { ...data, key: entry.key, why: entry.why } });
        } else if (entry.status === 'not-read') {
          // Always a warning: a whole Kong configuration went unchecked, whatever else was.
          ctx.report({ messageId: 'embeddedNotRead', severity: 'warning', at: entry.origin, data: { source: describeEmbeddedSource(entry), read: describeEmbeddedSource(entry.readInstead) } });
        } else if (entry.status === 'beside-files') {
          // Checked files were given, so this is no lone input gone unread: an info, as for other manifests.
          ctx.report({ messageId: 'embeddedBesideFiles', severity, at: entry.origin, data: { source: describeEmbeddedSource(entry), files: entry.files.join(', ') } });
        }
      }
      if (objects && objects.checked.length > 0) {
        ctx.report({ messageId: 'pluginsChecked', severity, at: file.origin, data: { file: file.file, checked: describeChecked(objects), others: describeOthers(objects, file, ingressPathsRead(file)) } });
      } else if (checkedEmbedded) {
        // A lone ConfigMap holding the configuration needs no word: the inputs list names it. A
        // bundle with a Deployment or a Service says those were not checked.
        const kinds = objects?.otherKinds ?? [];
        if (kinds.some((kind) => kind !== checkedEmbedded.kind)) {
          ctx.report({ messageId: 'embeddedChecked', severity, at: file.origin, data: { file: file.file, source: describeEmbeddedSource(checkedEmbedded), kinds: kinds.map((kind) => `\`${kind}\``).join(', ') } });
        }
      } else if (embedded.length === 0 && ingressPathsRead(file)) {
        // Its Ingress paths were read by declarative/kic-ingress-regex-paths: "not checked" would be untrue.
        ctx.report({ messageId: 'ingressPathsChecked', severity, at: file.origin, data: { file: file.file, kinds: describeKinds(file) } });
      } else if (embedded.length === 0 && holdsPluginCode(file)) {
        ctx.report({ messageId: 'pluginCodeRead', severity, at: file.origin, data: { file: file.file, kinds: describeKinds(file) } });
      } else if (embedded.length === 0) {
        ctx.report({ messageId: 'notChecked', severity, at: file.origin, data: { file: file.file, kinds: describeKinds(file) } });
      }
      for (const plugin of objects?.unchecked ?? []) {
        ctx.report({ messageId: 'pluginConfigUnread', severity, at: plugin.origin, data: { resource: plugin.label, reason: UNREAD_REASONS[plugin.reason] } });
      }
      for (const plugin of objects?.patched ?? []) {
        const one = plugin.fields.length === 1;
        const fields = plugin.fields.map((field) => `\`${field}\``).join(', ');
        // Loaded for patched plugins only: an ordinary run never reads the entity facts here.
        unmadeChecks ??= (await import('../../src/engine/checks-below-secrets')).unmadeChecksFinder(ctx);
        const unmade = describeUnmade(unmadeChecks(plugin.plugin()));
        const data = { resource: plugin.label, fields, verb: one ? 'is' : 'are', pronoun: one ? 'it is' : 'they are', valueWord: one ? 'its value' : 'their values', unmade };
        ctx.report({ messageId: 'pluginFieldsFromSecrets', severity: 'info', at: plugin.origin, data });
      }
    }
  },
});

/**
 * The checks the entity rules did not make because a Secret supplies a whole object that may or
 * may not hold the field they test (they claim neither a finding nor "left at the default"), as
 * a sentence to append; empty when there are none.
 */
function describeUnmade(checks: readonly UnmadeCheck[]): string {
  if (checks.length === 0) return '';
  const objects = [...new Set(checks.map((check) => `\`${fieldPathText(check.within)}\``))];
  const byRule = new Map<string, string[]>();
  for (const check of checks) byRule.set(check.rule, [...(byRule.get(check.rule) ?? []), `\`${check.field}\``]);
  const list = [...byRule].map(([rule, fields]) => `${rule} on ${fields.join(', ')}`).join('; ');
  const one = objects.length === 1;
  return ` ${one ? 'A Secret supplies' : 'Secrets supply'} ${objects.join(', ')} whole, which may or may not hold the fields these checks test, so they were not made: ${list}. Check those fields in the Secret by hand.`;
}

/** `2 KongPlugin resources and 1 KongClusterPlugin resource`. */
function describeChecked(objects: ManifestObjects): string {
  return objects.checked.map(({ kind, count }) => `${count} ${kind} resource${count === 1 ? '' : 's'}`).join(' and ');
}

/** What else the manifest held, named as not checked. */
function describeOthers(objects: ManifestObjects, file: UnreadableDeclarative, ingressPathsRead: boolean): string {
  // An embedded kong.yml has its own finding; its ConfigMap is still an object not checked here.
  const kinds = objects.otherKinds;
  if (ingressPathsRead) {
    // Its Ingress paths were read by declarative/kic-ingress-regex-paths: "Ingress not checked" would be untrue.
    const rest = kinds.filter((kind) => kind !== 'Ingress');
    return `the Ingress paths the controller passes to Kong as written were checked too (for regexes, by declarative/kic-ingress-regex-paths); not checked: the rest of the Ingresses${rest.map((kind) => `, \`${kind}\``).join('')}`;
  }
  if (kinds.length === 0) return file.embedded ? 'nothing else in it was checked' : 'it holds nothing else';
  return `not checked: ${kinds.map((kind) => `\`${kind}\``).join(', ')}`;
}

/** `kind: Deployment`, or every kind of a multi-document manifest. */
function describeKinds(file: UnreadableDeclarative): string {
  const kinds = file.objects?.otherKinds ?? [];
  if (kinds.length <= 1) return `\`kind: ${kinds[0] ?? file.kind ?? 'unknown'}\``;
  return `kinds ${kinds.map((kind) => `\`${kind}\``).join(', ')}`;
}
