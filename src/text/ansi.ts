/**
 * Terminal colour and title sequences that runners leave in test output. A title (OSC) ends at
 * the next ESC at the latest: read up to any later BEL instead, a line of a million unterminated
 * titles was scanned to its end from each of them (issue 20).
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}
