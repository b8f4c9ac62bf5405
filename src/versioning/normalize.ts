/** PEP 503 normal form: runs of `-`, `_` and `.` become one `-`, all lower case (`Foo.Bar_baz` → `foo-bar-baz`). */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** A PEP 508 distribution name: letters and digits, with `.`, `_`, `-` only between them. */
export function isValidName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}
