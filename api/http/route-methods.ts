/**
 * Which methods each documented path template allows, to answer 405 with an Allow header, and the
 * query parameters its GET declares (the read cache keys on those alone).
 */
export type RouteTable = { pattern: RegExp; methods: Set<string>; getQuery: Set<string> }[];

type Operation = { parameters?: { in?: string; name?: string }[] };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export function buildRouteTable(paths: Record<string, object>): RouteTable {
  return Object.entries(paths).map(([template, operations]) => ({
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: new Set(Object.keys(operations).filter((key) => HTTP_METHODS.has(key)).map((method) => method.toUpperCase())),
    getQuery: new Set(((operations as { get?: Operation }).get?.parameters ?? []).flatMap((parameter) => (parameter.in === 'query' && parameter.name ? [parameter.name] : []))),
  }));
}

/** The query parameters the GET of `path` declares, or null when no documented route has that path. */
export function declaredQuery(table: RouteTable, path: string): Set<string> | null {
  for (const route of table) if (route.methods.has('GET') && route.pattern.test(path)) return route.getQuery;
  return null;
}

/** The methods allowed on `path`, or null when no documented route has that path. */
export function allowedMethods(table: RouteTable, path: string): string[] | null {
  const methods = new Set<string>();
  for (const route of table) if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
  if (methods.size === 0) return null;
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
