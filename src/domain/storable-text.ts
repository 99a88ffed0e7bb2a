/**
 * Why PostgreSQL cannot store `value` as text, or null when it can: a NUL character, or a lone UTF-16 surrogate (which
 * no UTF-8 encoding has; drivers would replace it, and a key built from it would no longer match what was stored).
 */
export function unstorable(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain a NUL character.";
  if (!value.isWellFormed()) return "must be well-formed Unicode (it holds a lone surrogate).";
  return null;
}
