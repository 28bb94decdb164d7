/** What the dialect modules read of a CaseContext (index.ts), declared apart: index.ts imports them. */
export interface CaseFacts {
  attrs: Readonly<Record<string, string>>;
  output?: string;
  runner?: string;
}
