// Says that a YAML error comes from an unrendered template (a Helm chart's, or a Terraform
// templatefile() one): the YAML parser's own words ("missed comma between flow collection entries"
// for `{{- if ... -}}`, "bad indentation" for `url: {{ .Values.x }}/path`, "Unexpected
// flow-map-start" for `"cpu": ${cpu},`) do not tell that the file must be rendered first.

import { InputError } from '../errors';

/**
 * A Go template action that is not decK's `${{ env }}`: `{{- if .Values.x }}`, `{{ include ... }}`,
 * `{{ .Release.Name }}`, as in the files of a Helm chart's templates/ folder.
 */
const GO_TEMPLATE_ACTION = /(?<!\$)\{\{-?\s*(?:if|else|end|range|with|define|include|template|toYaml|\.Values|\.Release|\.Chart|\$)/;

/**
 * A `${name}` placeholder written bare where a value goes (`"cpu": ${cpu},`), as the JSON templates
 * Terraform's templatefile() fills (ECS container definitions) are written: no YAML or JSON
 * parser reads such a file until it is rendered. A quoted placeholder (`"${image}"`) parses.
 */
const BARE_PLACEHOLDER = /(?:^|[:,[])[ \t]*(\$\{[A-Za-z_][A-Za-z0-9_.]*\})[ \t]*(?:[,}\]]|$)/m;
/** A templatefile() directive (`%{ if x }`, `%{ for v in list ~}`, `%{ endif }`). */
const TEMPLATE_DIRECTIVE = /%\{~?\s*(?:if|else|endif|for|endfor)\b[^}]*\}/;

/** The error, with the advice to render the file first when its text holds template actions or bare placeholders. */
export function withTemplateHint(error: InputError, text: string): InputError {
  if (GO_TEMPLATE_ACTION.test(text)) {
    return new InputError(`${error.message}; the file holds Go template actions ({{ ... }}), as a Helm chart's templates do: render it first (\`helm template RELEASE CHART > rendered.yaml\`) and check the output`, error.place);
  }
  const placeholder = BARE_PLACEHOLDER.exec(text)?.[1] ?? TEMPLATE_DIRECTIVE.exec(text)?.[0];
  if (placeholder) {
    return new InputError(`${error.message}; the file holds template ${placeholder.startsWith('%') ? 'directives' : 'placeholders where values go'} (${placeholder}), as a Terraform templatefile() template does: render it first and check the output`, error.place);
  }
  return error;
}
