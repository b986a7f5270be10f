import * as fs from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { repoRoot } from '../../helpers/paths';

/**
 * A validator for the official SARIF 2.1.0 schema (test/schemas/README.md says where it comes from).
 * The schema is written for draft-04; its only keywords Ajv 8 reads differently are the top-level
 * `$schema` and `id`.
 */
export function sarifValidator(): ValidateFunction {
  const {
    $schema: _draft04,
    id,
    ...schema
  } = JSON.parse(fs.readFileSync(`${repoRoot}/test/schemas/sarif-schema-2.1.0.json`, 'utf8')) as Record<string, unknown>;
  // One `pattern` in the schema (`language`) is not valid with the `u` flag Ajv 8 uses by default.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: String(id) });
}
