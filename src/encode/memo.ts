// Values computed once per (scope, key object): a query's scene side or
// formula variables as the scope, a rule set shared by many rules as the
// key. Both levels are weak, so nothing outlives the query that built it.

export function memoized<S extends object, K extends object, V>(table: WeakMap<S, WeakMap<K, V>>, scope: S, key: K, build: () => V): V {
  let byKey = table.get(scope);
  if (byKey === undefined) {
    byKey = new WeakMap();
    table.set(scope, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = build();
    byKey.set(key, value);
  }
  return value;
}
