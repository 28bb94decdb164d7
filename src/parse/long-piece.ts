/**
 * Reads on, one chunk at a time with `more`, until the text held from the start of what is being
 * looked for (`held()` characters) has doubled, or passed `cap`. A reader that searched again
 * after every chunk would copy and rescan that text once per chunk: quadratic in its size.
 * `grew` says whether anything was read; `ended`, whether the stream ran out.
 */
export async function readOnUntilDoubled(held: () => number, more: () => Promise<boolean>, cap = Infinity): Promise<{ grew: boolean; ended: boolean }> {
  // At least one chunk, even when nothing is held yet.
  const want = Math.max(2 * held(), held() + 1);
  let grew = false;
  while (held() < want && held() <= cap) {
    if (!(await more())) return { grew, ended: true };
    grew = true;
  }
  return { grew, ended: false };
}
