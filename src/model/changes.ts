/** Lines added or changed by the change under review, per repository file. */
export interface Changes {
  files: Map<string, Set<number>>;
  /** Where the lines came from, for the report: "pull request files" or "git diff <base>". */
  source: string;
}
