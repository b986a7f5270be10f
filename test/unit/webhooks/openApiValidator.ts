// Validates recorded responses against OpenAPI documents with Ajv: draft-07 for Clerk's OpenAPI 3.0
// (after turning `nullable` into JSON Schema), 2020-12 for Svix's 3.1. The specs are vendored in specs/.
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import { parse } from 'yaml';

type Json = { [key: string]: unknown };

/** OpenAPI's `nullable: true` (3.0, and still used in Svix's 3.1 document) → JSON Schema null. */
function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = convertNullable(value);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

export interface ResponseValidator {
  /** Errors of `body` against the schema the operation declares for `status` (or the fallback schema). */
  validate(method: string, path: string, status: number, body: unknown): string[];
  /** The schema a response was checked against, for assertions that the right one was used. */
  schemaRefFor(method: string, path: string, status: number): string;
}

/**
 * @param serverPrefix the servers' base path the recorded paths carry (Clerk: `/v1`; Svix: none)
 * @param fallbackSchema component used for statuses the operation does not declare (e.g. 5xx)
 */
export function openApiValidator(file: string, serverPrefix: string, fallbackSchema: string): ResponseValidator {
  const text = fs.readFileSync(file, 'utf8');
  const document = convertNullable(file.endsWith('.json') ? JSON.parse(text) : parse(text)) as Json;
  const is31 = String(document.openapi).startsWith('3.1');
  const ajv = is31 ? new Ajv2020({ strict: false, allErrors: true, logger: false }) : new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const id = `spec-${is31 ? '31' : '30'}`;
  ajv.addSchema(document, id);
  const paths = document.paths as Record<string, Record<string, Json>>;
  const templates = Object.keys(paths).map((template) => ({
    template,
    regex: new RegExp(`^${serverPrefix}${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  }));

  const schemaRefFor = (method: string, path: string, status: number): string => {
    const found = templates.find(({ regex }) => regex.test(path));
    if (!found) throw new Error(`No path in ${file} matches ${path}`);
    const operation = paths[found.template][method.toLowerCase()] as Json | undefined;
    if (!operation) throw new Error(`${file} has no ${method} ${found.template}`);
    const pointer = (segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    const responses = operation.responses as Record<string, Json>;
    let response = responses[String(status)];
    if (!response) return `${id}#/components/schemas/${fallbackSchema}`;
    let base = pointer(['paths', found.template, method.toLowerCase(), 'responses', String(status)]);
    if (typeof response.$ref === 'string') {
      base = response.$ref.slice(2);
      response = base.split('/').reduce<Json>((at, key) => at[key] as Json, document);
    }
    const content = response.content as Record<string, unknown> | undefined;
    if (!content?.['application/json']) return `${id}#/components/schemas/${fallbackSchema}`;
    return `${id}#/${base}/content/${pointer(['application/json'])}/schema`;
  };

  return {
    schemaRefFor,
    validate(method, path, status, body) {
      const validateFn = ajv.getSchema(schemaRefFor(method, path, status)) ?? ajv.compile({ $ref: schemaRefFor(method, path, status) });
      return validateFn(body) ? [] : (validateFn.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
    },
  };
}
