// Recognises a kong.conf that is still a template: an Ansible role's kong.conf.j2, a Salt state's
// Jinja file, a Chef cookbook's ERB, a Go template (consul-template, Helm). Kong never reads such a
// file: the tool renders it first. Read as kong.conf it gives a finding for every placeholder
// (`log_level = {{ log_level }}` is no level Kong knows), and none of them is about the file Kong
// runs with, so the loader refuses it and says what to give instead.

import { InputError } from '../../errors';

/** A template construct found in the text: where it starts and what it reads. */
export interface TemplateMark {
  line: number;
  column: number;
  text: string;
}

/**
 * An expression `{{ name }}` (Jinja, Go) or a statement `{% if x %}` (Jinja) or `<%= @x %>` (ERB).
 * Not `${{ ... }}`: that is Kong's own nginx template placeholder and decK's env syntax, never a
 * renderer's. Kong's vault references (`{vault://env/x}`) have one brace.
 */
const CONSTRUCT = /(?<!\$)\{\{-?\s*[^\s{}][^{}]*\}\}|\{%-?\s*\w[^%]*%\}|<%[=-]?\s[^%]*%>/;
/** A Jinja comment opens a line with `{#` (it may run over several lines). */
const JINJA_COMMENT = /^\s*\{#/;
/** Kong skips a line whose first character after spaces is `#`; a ` #` later starts a comment. */
const COMMENT_LINE = /^\s*#/;
const TRAILING_COMMENT = /\s#.*$/;

/** The first template construct of the lines, outside Kong's comments; undefined for a plain kong.conf. */
export function findTemplateMark(lines: readonly string[]): TemplateMark | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Only the opener is quoted: the comment's text may be a commented-out secret.
    if (JINJA_COMMENT.test(line)) return { line: i + 1, column: line.indexOf('{#') + 1, text: '{#' };
    if (COMMENT_LINE.test(line)) continue;
    const code = line.replace(TRAILING_COMMENT, '');
    const match = CONSTRUCT.exec(code);
    if (match) return { line: i + 1, column: match.index + 1, text: match[0] };
  }
  return undefined;
}

/** The InputError for a template given as kong.conf, at the place of its first construct. */
export function templateError(mark: TemplateMark, place: { file: string; line: number; column: number }): InputError {
  const shown = mark.text.length > 60 ? `${mark.text.slice(0, 57)}...` : mark.text;
  return new InputError(
    `holds template syntax \`${shown}\`: this is a template (Jinja, Go template or ERB, as Ansible, Salt, `
      + 'Helm, consul-template or Chef render), not the kong.conf Kong reads; render it with the values of the node '
      + '(or copy kong.conf from the node) and give that file',
    place,
  );
}
