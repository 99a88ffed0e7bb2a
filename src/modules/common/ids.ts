const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID; ids of ours are UUIDs, so anything else names nothing and never reaches SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function uuidsOnly(values: readonly string[]): string[] {
  return values.filter(isUuid);
}
