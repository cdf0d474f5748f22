// js-yaml 4, chosen for its `listener` option (js-yaml 5 dropped
// it). Only what the declarative reader (and the tests' `dump`) use is declared.
declare module 'js-yaml' {
  export interface Schema {
    extend(definition: { implicit?: Type[]; explicit?: Type[] }): Schema;
  }
  export interface TypeOptions {
    kind: 'scalar';
    resolve?: (data: string) => boolean;
    construct?: (data: string) => unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
    readonly tag: string;
  }
  export const FAILSAFE_SCHEMA: Schema;
  export const CORE_SCHEMA: Schema;
  export const types: { readonly merge: Type };
  export interface LoadOptions {
    filename?: string;
    json?: boolean;
    schema?: Schema;
    listener?: (event: 'open' | 'close', state: { position: number; result: unknown; kind: string | null; anchor: string | null; input: string }) => void;
  }
  export function load(text: string, options?: LoadOptions): unknown;
  export function loadAll(text: string, iterator?: undefined, options?: LoadOptions): unknown[];
  export function dump(
    value: unknown,
    options?: {
      skipInvalid?: boolean;
      lineWidth?: number;
      noRefs?: boolean;
      indent?: number;
      flowLevel?: number;
      noArrayIndent?: boolean;
      forceQuotes?: boolean;
      quotingType?: "'" | '"';
    },
  ): string;
}
