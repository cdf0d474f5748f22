// Says that a YAML error comes from an unrendered Helm template: the YAML parser's own words
// ("missed comma between flow collection entries" for `{{- if ... -}}`, "bad indentation" for
// `url: {{ .Values.x }}/path`) do not tell that the file must be rendered first.

import { InputError } from '../errors';

/**
 * A Go template action that is not decK's `${{ env }}`: `{{- if .Values.x }}`, `{{ include ... }}`,
 * `{{ .Release.Name }}`, as in the files of a Helm chart's templates/ folder.
 */
const GO_TEMPLATE_ACTION = /(?<!\$)\{\{-?\s*(?:if|else|end|range|with|define|include|template|toYaml|\.Values|\.Release|\.Chart|\$)/;

/** The error, with the advice to render the file first when its text holds Go template actions. */
export function withTemplateHint(error: InputError, text: string): InputError {
  if (!GO_TEMPLATE_ACTION.test(text)) return error;
  return new InputError(`${error.message}; the file holds Go template actions ({{ ... }}), as a Helm chart's templates do: render it first (\`helm template RELEASE CHART > rendered.yaml\`) and check the output`, error.place);
}
