// Flags Ingress paths the Kong Ingress Controller (KIC) sends to Kong as regexes today that Kong
// 3.x will read as literal prefixes. Under Kong 2.x the controller passes an ImplementationSpecific
// path as written and Kong guesses from its characters that it is a regex; from Kong 3.0 only a
// leading `~` makes one, and the controller adds it only to paths written with its own marker
// (`/~`, or the Ingress's `konghq.com/regex-prefix`) or, when the IngressClassParameters turn on
// `enableLegacyRegexDetection`, to paths the 2.x guess takes for regexes. That is so in KIC 2.7
// and every 3.x release: the controller version only matters below 2.7, which had no `/~` marker.
// Facts in src/knowledge/platform/kic-ingress-paths.ts; the paths come from manifests given as
// declarative configuration (src/inputs/declarative/kic-ingresses.ts) and with --image-file
// (src/inputs/images/manifest-ingresses.ts); a file given both ways is reported once.

import { resolve } from 'node:path';
import { defineRule } from '../../src/engine/define-rule';
import type { KicIngressPath } from '../../src/inputs/declarative/kic-ingresses';
import { KIC_INGRESS_PATH_DOCS, KIC_INGRESS_PATH_FACTS as KIC } from '../../src/knowledge/platform/kic-ingress-paths';
import { ROUTE_PATH_FACTS } from '../../src/knowledge/entities/route-paths';
import { isRegexFor2x, normalizeRegexPath, ROUTE_PATH_NORMALIZATION } from '../../src/knowledge/entities/route-path-migration';
import { KongVersion } from '../../src/version/kong-version';

type MessageId = 'regexBecomesLiteral' | 'keptByLegacyDetection';

export default defineRule<MessageId>({
  id: 'declarative/kic-ingress-regex-paths',
  description: 'Reports Ingress paths the Kong Ingress Controller passes to Kong as written that Kong 2.x read as regexes and 3.x reads as literal prefixes.',
  severity: 'warning',
  inputs: [],
  anyInputs: ['declarative', 'kicIngressPaths'],
  gate: { introducedIn: ROUTE_PATH_FACTS.routerChangeIn },
  // Said of the run's inputs (which controller image was given), not of the path.
  volatileData: ['controller', 'assumed'],
  messages: {
    regexBecomesLiteral: 'Ingress {{ingress}}{{api}}, spec.rules[{{rule}}].http.paths[{{index}}]: path `{{path}}` is a regex for Kong 2.x, but the Kong Ingress Controller passes it to Kong as written{{assumed}}, and Kong 3.x takes only a path starting with `~` as a regex: it becomes a literal prefix, and the requests the regex matched no longer reach this route. Write `{{fixed}}`: the controller turns {{marker}} into `~`{{controller}}.',
    keptByLegacyDetection: 'Ingress {{ingress}}{{api}}, spec.rules[{{rule}}].http.paths[{{index}}]: path `{{path}}` stays a regex under Kong 3.x only through `enableLegacyRegexDetection` in the IngressClassParameters of class `{{class}}`, whose 2.x guess the controller\'s changelog says has known flaws that will not be fixed. Write `{{fixed}}`, which the controller turns into a `~` regex with or without the guess{{controller}}.',
  },
  remediation: 'Prefix each regex Ingress path with the controller\'s regex marker `/~` (`/~/api/v[0-9]+`), or with the prefix the Ingress sets in `konghq.com/regex-prefix`; the controller replaces it with Kong\'s `~`. `enableLegacyRegexDetection: true` in the IngressClassParameters of the controller\'s IngressClass keeps 2.x-style paths working meanwhile, but only as a stopgap.',
  docsUrl: KIC_INGRESS_PATH_DOCS,
  sources: [...KIC.sources, ...ROUTE_PATH_FACTS.sources.slice(0, 2), ROUTE_PATH_NORMALIZATION.sources[1]],
  check(ctx) {
    const controllers = ctx.optionalInput('controllers') ?? [];
    const versioned = controllers.filter((c) => c.version !== undefined);
    // Every controller given is one that no longer reads the older Ingress APIs: Kong gets no route
    // from such an Ingress at all, so how its paths would read is moot.
    const betaUnread = versioned.length > 0 && versioned.every((c) => c.version!.gte(KongVersion.parse(KIC.betaIngressDroppedIn)));
    const declared = (ctx.optionalInput('declarative')?.unreadable ?? []).flatMap((file) => file.objects?.ingressPaths ?? []);
    for (const entry of onceEach([...declared, ...(ctx.optionalInput('kicIngressPaths') ?? [])])) {
      // Written with the marker, the controller already sends a `~` path.
      if (entry.path.startsWith(entry.regexPrefix)) continue;
      // Only paths that work as patterns: one that is regex-like through `@` or `:` alone
      // matched under 2.x what it matches as a literal prefix under 3.x.
      if (!isRegexFor2x(entry.path) || !ROUTE_PATH_FACTS.regexMetacharacters.test(entry.path)) continue;
      if (entry.betaApi && betaUnread) continue;
      const controller = controllerNote(controllers, entry.betaApi !== undefined);
      const data = {
        ingress: entry.ingress, rule: String(entry.rule), index: String(entry.index), path: entry.path, api: betaNote(entry),
        // The 3.0 migration's escape decoding keeps what 2.x matched (route-path-migration.ts).
        fixed: `${entry.regexPrefix}${normalizeRegexPath(entry.path)}`,
        controller,
      };
      if (entry.legacyDetection === 'on' && entry.classMatch.kind !== 'unknown') {
        ctx.report({ messageId: 'keptByLegacyDetection', severity: 'info', at: entry.origin, data: { ...data, class: entry.classMatch.name } });
        continue;
      }
      const marker = entry.prefixFromAnnotation ? `the \`${entry.regexPrefix}\` its \`${KIC.regexPrefixAnnotation}\` annotation sets` : `\`${KIC.controllerRegexPrefix}\``;
      ctx.report({ messageId: 'regexBecomesLiteral', at: entry.origin, data: { ...data, marker, assumed: assumptions(entry) } });
    }
  },
});

/**
 * Each path once: a manifest given both with --declarative and with --image-file is read twice,
 * at the same places; the same namespaced Ingress written in two files is one object.
 */
function onceEach(entries: readonly KicIngressPath[]): KicIngressPath[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const keys = [`${resolve(entry.origin.file)}:${entry.origin.line}:${entry.origin.column}`];
    if (entry.ingress.includes('/')) keys.push(`${entry.ingress}\0${entry.rule}\0${entry.index}\0${entry.path}`);
    const known = keys.some((key) => seen.has(key));
    for (const key of keys) seen.add(key);
    return !known;
  });
}

/** For an Ingress of an older API: which controllers and clusters still read it, as a parenthesis. */
function betaNote(entry: KicIngressPath): string {
  if (!entry.betaApi) return '';
  return ` (\`${entry.betaApi}\`: only controllers older than ${KongVersion.parse(KIC.betaIngressDroppedIn).minorKey} read this API, which Kubernetes stopped serving in 1.22, and they pass every path of it as written, whatever its pathType)`;
}

/** What the manifest did not say and was taken as the common case, and what made a custom class the controller's, as a parenthesis; empty when nothing. */
function assumptions(entry: KicIngressPath): string {
  const notes: string[] = [];
  // A class other than `kong` is the controller's only because a file says so: name it.
  if (entry.controllerClass && entry.controllerClass.name !== KIC.defaultIngressClass) {
    notes.push(`class \`${entry.controllerClass.name}\` is the controller's: ${entry.controllerClass.from}`);
  }
  if (entry.classMatch.kind === 'unknown') {
    notes.push(`it names no ingress class and the manifest holds no IngressClass of the controller: taken as served by it, as when its class is the cluster default`);
  }
  if (entry.legacyDetection === 'unknown') {
    notes.push(`the manifest does not say whether its IngressClass turns on \`${KIC.legacyDetectionField}\`: taken as off, its default`);
  }
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

/**
 * The controller versions the run knows, as they bear on the `/~` marker: below 2.7 the
 * controller has none, so the fix needs the controller upgrade first. Without a version, KIC 2.7
 * or later is assumed (Kong 3.x needs it anyway: platform/ingress-controller); for an Ingress of
 * an older API, one below 2.10 too, since later ones do not read it.
 */
function controllerNote(controllers: readonly { reference: string; version?: KongVersion }[], betaApi: boolean): string {
  const since = KongVersion.parse(KIC.controllerRegexPrefixSince);
  const versioned = controllers.filter((c) => c.version !== undefined);
  const old = versioned.filter((c) => c.version!.lt(since));
  if (old.length > 0) {
    return `; \`${old[0].reference}\` runs a controller older than ${since.minorKey}, which knows no such marker: upgrade the controller first (platform/ingress-controller)`;
  }
  if (versioned.length === 0 && betaApi) {
    // Only the releases between the marker and the end of the older APIs read such an Ingress with it.
    const until = KongVersion.parse(KIC.betaIngressDroppedIn);
    return ` (in KIC ${since.minorKey} up to ${until.minorKey}, not included, the releases that both know the marker and read this API; no controller image with a version was given, so such a controller is assumed)`;
  }
  if (versioned.length === 0) return ` (in KIC ${since.minorKey} and later, 3.x included; no controller image with a version was given, so such a controller is assumed)`;
  return '';
}
