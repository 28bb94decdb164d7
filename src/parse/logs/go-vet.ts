/*
 * What go vet's analyzers say (golang.org/x/tools/go/analysis/passes, the suite `go vet` runs and
 * the subset `go test` runs before the tests). Their output looks like the compiler's —
 * `# pkg` then `file:line:col: message` — so the wording is what tells a vet finding from a
 * compile error. One pattern per analyzer; each anchored or a fixed phrase.
 */
const VET_MESSAGES: readonly RegExp[] = [
  /^\[\w+\] \S+: /, // asmdecl
  /^self-assignment of /, // assign
  /^direct assignment to atomic value$/, // atomic
  /^(?:redundant|suspect) (?:or|and): /, // bools
  /\+build (?:comment|line)|\/\/go:build (?:comment|line)|misplaced \/\/go:\w+ /, // buildtag, directive
  /^possibly passing Go type with (?:embedded )?pointer to C$/, // cgocall
  /composite literal uses unkeyed fields$/, // composites
  /copies lock(?: value)?|passes lock by value/, // copylocks
  /^second argument to errors\.As /, // errorsas
  /^frame pointer is clobbered before saving$/, // framepointer
  /^using \w+ before checking for errors$/, // httpresponse
  /^impossible type assertion: no type can implement both /, // ifaceassert
  /^loop variable \w+ captured by func literal$/, // loopclosure
  /the cancel (?:function|var)/, // lostcancel
  /^comparison of function \S+ [=!]= nil is always (?:true|false)$/, // nilfunc
  /^\S+ (?:format %|call (?:has|needs) |arg list ends with redundant newline|does not support error-wrapping directive)|^non-constant format string in call to |^\S+ arg \S+ (?:is a func value|causes recursive)/, // printf
  /^\S+ \(\d+ bits\) too small for shift of /, // shift
  /^misuse of unbuffered os\.Signal channel /, // sigchanyzer
  /^slog\.\S+ (?:arg|call)|^call to slog\.\S+ missing a final value$/, // slog
  /^method \S+ should have signature /, // stdmethods
  /^conversion from \S+ to \S+ yields a string of one rune/, // stringintconv
  /^struct field (?:tag `|\w+ repeats )/, // structtag
  /^call to \(\*\w+\)\.\w+ from a non-test goroutine$/, // testinggoroutine
  /^\w+ has malformed (?:name|example suffix)|^\w+ refers to unknown (?:identifier|field or method)/, // tests
  /^2006-02-01 should be 2006-01-02$/, // timeformat
  /^call of \S+ passes non-pointer/, // unmarshal
  /^unreachable code$/, // unreachable
  /^possible misuse of (?:unsafe\.Pointer|reflect\.\w+Header)$/, // unsafeptr
  /^result of \S+ call not used$/, // unusedresult
  /^append with no values$/, // appends
  /^call to \S+ is not deferred$/, // defers
  /^\S+ requires go1\.\d+ or later \((?:module|file) is go/, // stdversion
  /^WaitGroup\.Add called from inside new goroutine$/, // waitgroup
];

/** Whether a diagnostic's message is one of go vet's rather than the compiler's. */
export function isVetMessage(message: string): boolean {
  const m = message.slice(0, 300);
  return VET_MESSAGES.some((re) => re.test(m));
}
