/*
 * Credentials a test or a tool printed — a key in a failure message, a token in a log line — are
 * posted nowhere: the runner masks its own secrets in the log only, and a report's text goes into
 * comments, check runs and artifacts. Each shape is anchored on a fixed prefix and bounded, so a
 * line costs time in proportion to its length.
 */

const SHAPES: readonly [string, RegExp][] = [
  ['private key', /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,16384}?-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,-]{0,16384})/g],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g],
  ['AWS access key', /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g],
  ['AWS secret key', /\b(aws_?secret(?:_?access)?_?key|secret_?access_?key)(["']?\s{0,5}[:=]\s{0,5}["']?)[A-Za-z0-9/+]{40}\b/gi],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,200}/g],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['Stripe key', /\b[rs]k_(?:live|test)_[0-9A-Za-z]{20,200}\b/g],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}/g],
  ['bearer token', /\b(Bearer|Authorization:[ \t]{0,3}token)( {1,5})[A-Za-z0-9._~+/-]{20,1024}=*/g],
  ['password in a URL', /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,200}:)[^\s@/]{1,200}@/gi],
];

/** Cheap first look: every shape holds one of these, and most text holds none. */
const ANY = /-----BEGIN|gh[pousr]_|github_pat_|A[KSBCGIRNP][A-Z]A|secret|xox|AIza|k_live_|k_test_|npm_|eyJ|Bearer|Authorization|:\/\/[^\s]{1,200}@/i;

/** `text` with every credential of a known shape replaced by `[redacted <kind>]`. */
export function redactSecrets(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const [kind, shape] of SHAPES) {
    out = out.replace(shape, (...m: string[]) => {
      if (kind === 'AWS secret key') return `${m[1]}${m[2]}[redacted ${kind}]`;
      if (kind === 'bearer token') return `${m[1]}${m[2]}[redacted ${kind}]`;
      if (kind === 'password in a URL') return `${m[1]}[redacted password]@`;
      return `[redacted ${kind}]`;
    });
  }
  return out;
}
