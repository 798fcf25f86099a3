/**
 * The operations of an OpenAPI 3.1 document, read the way a client generator would: method, path
 * template, parameters by location and the JSON request body schema, with `$ref`s resolved. The
 * fuzzer takes everything from here, so a route added to the API is fuzzed without touching it.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
};

export type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required: boolean; schema: JsonSchema };

export type Operation = {
  /** `POST /api/v1/tokens`: how the fuzzer names a route in counts and reports. */
  key: string;
  method: string;
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  /** The JSON request body's schema, `$ref`s resolved; null when the operation takes no body. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** Whether the document says the operation takes a bearer token. */
  secured: boolean;
};

export type OpenApiDocument = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Inlines every `$ref` (the document's schemas are not recursive; a cycle is cut at the second visit). */
export function resolveSchema(schema: JsonSchema, document: OpenApiDocument, seen: string[] = []): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target || seen.includes(name)) return {};
    return resolveSchema(target, document, [...seen, name]);
  }
  const resolved: JsonSchema = { ...schema };
  if (schema.properties)
    resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(value, document, seen)]));
  if (schema.items) resolved.items = resolveSchema(schema.items, document, seen);
  if (typeof schema.additionalProperties === 'object') resolved.additionalProperties = resolveSchema(schema.additionalProperties, document, seen);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) if (schema[key]) resolved[key] = schema[key]!.map((branch) => resolveSchema(branch, document, seen));
  return resolved;
}

export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((parameter) => ({ ...parameter, schema: resolveSchema(parameter.schema ?? {}, document) }));
      const json = operation.requestBody?.content['application/json'];
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((parameter) => parameter.in === 'path'),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        headerParams: parameters.filter((parameter) => parameter.in === 'header'),
        body: json ? resolveSchema(json.schema, document) : null,
        bodyRequired: operation.requestBody?.required ?? false,
        secured: (operation.security ?? []).length > 0,
      });
    }
  return operations;
}

/** The values a problem's `error.code` may take, from the document's `Problem` schema. */
export function problemCodes(document: OpenApiDocument): string[] {
  const problem = document.components?.schemas?.Problem;
  const codes = problem?.properties?.error?.properties?.code?.enum;
  return Array.isArray(codes) ? codes.map(String) : [];
}

/** The path with its parameters filled in (values already encoded). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? '');
}

/** The operation whose template matches a concrete path, if any (`{x}` matches one segment). */
export function matchTemplate(operations: Operation[], method: string, path: string): Operation | undefined {
  return operations.find((operation) => {
    if (operation.method !== method) return false;
    const pattern = new RegExp(`^${operation.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path);
  });
}
