/**
 * datacenter.cfg's `tag-style` as the cluster keeps it (a property string such as
 * `shape=full,color-map=prod:c62828:ffffff;db:1565c0`) and as `GET /cluster/options` answers
 * it: an object, parsed by the server (pve-cluster's DataCenterConfig.pm; trap 21). A dataset's
 * string is checked against the API's own format (`PUT /cluster/options`), as the server checks
 * it when it is written, so the simulator never serves a map a real cluster could not hold.
 */
import apiSchema from './api-schema.json';
import type { PveVersion } from './state';
import {
  parsePropertyString,
  validateParams,
  type EndpointSchema,
  type ParamSpec,
} from './validate';

const SCHEMAS = apiSchema as unknown as Record<PveVersion, Record<string, EndpointSchema>>;

function tagStyleSpec(version: PveVersion): ParamSpec {
  const spec = SCHEMAS[version]['PUT /cluster/options']?.['tag-style'];
  if (!spec || typeof spec.format !== 'object') throw new Error('no tag-style in the API schema');
  return spec;
}

/** Why the server would refuse `text` as `tag-style`, or undefined. */
export function tagStyleProblem(text: string, version: PveVersion): string | undefined {
  const errors = validateParams({ 'tag-style': tagStyleSpec(version) }, { 'tag-style': text });
  return errors['tag-style'];
}

/** The object `GET /cluster/options` sends for `text` (booleans as 0/1). */
export function tagStyleAnswer(text: string, version: PveVersion): Record<string, unknown> {
  const format = tagStyleSpec(version).format as Record<string, ParamSpec>;
  const { values } = parsePropertyString(text, format);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      format[key]?.type === 'boolean' ? (/^(1|on|yes|true)$/i.test(value) ? 1 : 0) : value,
    ]),
  );
}
