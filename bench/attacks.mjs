/**
 * Lines crafted against the readers' patterns (issue 20): each is the worst case of a pattern that
 * backtracks — a prefix the pattern accepts, then a filler it would scan again from every start,
 * without the part that would end the match: [prefix, unit, suffix]. One list for the tests
 * (__tests__/helpers/crafted.ts, lines of 1 MB) and the benchmark (generate.mjs, 50 MB).
 */
export const ATTACKS = {
  'OSC without terminator': ['\u001b]', 'a', ''],
  'OSCs without terminator': ['', '\u001b]', ''],
  'CSI parameters': ['\u001b[', '0', ''],
  'at + (': ['  at ', '(', ''],
  'at fn (': ['    at ', 'f (', ''],
  spaces: ['', ' ', 'x'],
  'a without closing part': ['', 'a', ''],
  '.NET frame': [') ', 'in a.cs:', ''],
  '.NET frames': ['', ') in x', ''],
  'jest frame': ['  at ', ' (', ''],
  SyntaxError: ['  SyntaxError: ', ': .', ''],
  'gcc context': ['', 'a.c: In ', '\r'],
  'gcc error': ['', 'a.c:1:1: error: x\u2028', ''],
  'go dependency': ['', 'module ', '!'],
  'go file': ['', 'a.go:1: x', '\r'],
  'python frame': ['  File "', 'a", line 1', ''],
  colons: ['', ':', ''],
  'FAIL lines': ['FAIL ', 'a ', ''],
};
