// How the Kong Ingress Controller (KIC) turns an Ingress path into a Kong route path, as far as
// regexes go. Kong 2.x guessed that a path was a regex from its characters; Kong 3.0 takes only a
// path starting with `~` as a regex. Ingress paths must start with `/`, so the controller gives
// them their own regex marker: an ImplementationSpecific path starting with `/~` (or with the
// Ingress's `konghq.com/regex-prefix` annotation) reaches Kong with that prefix replaced by `~`.
// Every other path reaches Kong as written, unless the IngressClassParameters of the controller's
// IngressClass turn on `enableLegacyRegexDetection`, which applies the 2.x guess and adds the `~`.
// KIC 3.x keeps both (the legacy toggle was not removed). Data only; read by
// src/inputs/declarative/kic-ingresses.ts and rules/declarative/kic-ingress-regex-paths.ts.

import type { FactSource } from '../../model/source';

const KIC = 'Kong/kubernetes-ingress-controller';

const SOURCES: readonly FactSource[] = [
  { kind: 'changelog', ref: `${KIC}:CHANGELOG.md@1fa68f86`, note: '2.6.0: IngressClassParameters enableLegacyRegexDetection applies the 2.x heuristic for Kong 3.x; without it regex Ingress paths must be updated' },
  { kind: 'changelog', ref: `${KIC}:CHANGELOG.md@1fa68f86`, note: '2.7.0: Ingress paths beginning with /~ are translated to Kong paths beginning with ~; konghq.com/regex-prefix sets another prefix' },
  { kind: 'repo', ref: `${KIC}:internal/dataplane/parser/translators/ingress.go@v2.12.8`, note: 'MaybePrependRegexPrefix: the controller prefix is replaced by ~; otherwise the legacy heuristic (^[a-zA-Z0-9.\\-_~/%]*$ not matching) adds ~ when applied' },
  { kind: 'repo', ref: `${KIC}:internal/dataplane/parser/translate_ingress.go@v2.12.8`, note: 'the heuristic is applied only when IngressClassParameters enable it and Kong is 3.0 or later (RegexPathPrefix)' },
  { kind: 'repo', ref: `${KIC}:internal/dataplane/translator/subtranslator/ingress.go@v3.5.13`, note: 'KIC 3.x: the same prefix replacement and the same legacy toggle; a path without pathType is ImplementationSpecific, passed to Kong as written' },
  { kind: 'repo', ref: `${KIC}:internal/controllers/utils/utils.go@v3.0.0`, note: 'MatchesIngressClass: spec.ingressClassName or the kubernetes.io/ingress.class annotation equal to the controller class, or no class when its IngressClass is the default' },
  { kind: 'repo', ref: `${KIC}:internal/store/store.go@v3.0.0`, note: 'IngressClassKongController; GetIngressClassParametersV1Alpha1 reads the IngressClass spec.parameters (group configuration.konghq.com, kind IngressClassParameters, namespaced)' },
  { kind: 'repo', ref: `${KIC}:config/crd/bases/configuration.konghq.com_ingressclassparameterses.yaml@v3.0.0`, note: 'enableLegacyRegexDetection: default false' },
  { kind: 'repo', ref: `${KIC}:internal/annotations/annotations.go@v3.0.0`, note: 'DefaultIngressClass "kong"; RegexPrefixKey' },
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/reference/custom-resources.md@bc1cd742', note: 'enableLegacyRegexDetection: ImplementationSpecific paths, Kong 3.0 or higher' },
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/reference/annotations.md@bc1cd742', note: 'konghq.com/regex-prefix: /~ by default' },
  { kind: 'repo', ref: `${KIC}:internal/dataplane/parser/translate_ingress.go@v2.7.0`, note: 'ingressRulesFromIngressV1beta1: v1beta1 Ingress paths get the same regex prefix replacement and legacy toggle as v1 ones' },
  { kind: 'changelog', ref: `${KIC}:CHANGELOG.md@v2.12.8`, note: '2.10.0: support for extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress removed, as Kubernetes 1.22 removed them' },
  { kind: 'repo', ref: 'kubernetes/website:content/en/docs/reference/using-api/deprecation-guide.md@6a6fc841', note: 'Ingress extensions/v1beta1 and networking.k8s.io/v1beta1: existing objects are accessible via networking.k8s.io/v1; ImplementationSpecific matches the undefined v1beta1 path behaviour' },
  { kind: 'repo', ref: 'kubernetes/kubernetes:pkg/apis/networking/v1beta1/defaults.go@a37cbbda', note: 'SetDefaults_HTTPIngressPath: a v1beta1 path without pathType gets ImplementationSpecific' },
];

export const KIC_INGRESS_PATH_FACTS = {
  /** The controller's own regex marker on an Ingress path, first in this release. */
  controllerRegexPrefix: '/~',
  controllerRegexPrefixSince: '2.7.0',
  /** An Ingress annotation that replaces the marker (a path starting with its value is a regex). */
  regexPrefixAnnotation: 'konghq.com/regex-prefix',
  /** The IngressClassParameters field that turns on the 2.x guess, first in this release. */
  legacyDetectionField: 'enableLegacyRegexDetection',
  legacyDetectionSince: '2.6.0',
  /** The class the controller serves unless started with another `--ingress-class`. */
  defaultIngressClass: 'kong',
  /** `spec.controller` of an IngressClass the controller serves. */
  ingressClassController: 'ingress-controllers.konghq.com/kong',
  /** The annotation an Ingress may name its class with, instead of `spec.ingressClassName`. */
  ingressClassAnnotation: 'kubernetes.io/ingress.class',
  /** An IngressClass so annotated takes the Ingresses that name no class. */
  defaultClassAnnotation: 'ingressclass.kubernetes.io/is-default-class',
  /** The group and kind an IngressClass's `spec.parameters` must name for the controller to read them. */
  parametersGroup: 'configuration.konghq.com',
  parametersKind: 'IngressClassParameters',
  /**
   * The Ingress APIs whose paths the translation below applies to. Objects written in the beta
   * APIs are the same Ingresses read through v1 (their paths without pathType as
   * ImplementationSpecific), and KIC 2.7 to 2.9 translated the beta ones with the same marker.
   */
  ingressApiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'],
  sources: SOURCES,
} as const;

export const KIC_INGRESS_PATH_DOCS = 'https://developer.konghq.com/kubernetes-ingress-controller/reference/annotations/#konghq-com-regex-prefix';
