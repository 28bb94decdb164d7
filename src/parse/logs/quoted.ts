/**
 * Whether a head is a report that may quote console output (a JUnit <system-out>, a JSON
 * message) rather than a log: XML or JSON, not a log line that opens with a bracket
 * (make's `[ 13%] Building …`, ninja's `[3/15] Linking …`, gtest's `[ RUN      ]`).
 */
export function quotesLogs(head: string): boolean {
  return /^(?:[{<]|\[(?!\s*\d+(?:%|\/\d+)\])\s*[{["\d\]])/.test(head.trimStart());
}
