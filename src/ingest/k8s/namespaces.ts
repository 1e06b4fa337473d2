// Namespaces with their labels. Every namespace carries
// `kubernetes.io/metadata.name=<name>`; a namespace that objects use but no
// manifest defines gets only that label.

import type { Labels, Namespace } from './types.js';
import type { Json, ObjectReader } from './reader.js';

export const NAME_LABEL = 'kubernetes.io/metadata.name';

/** A Namespace object; undefined after an error. */
export function parseNamespace(r: ObjectReader, value: Json, pointer: string): Namespace | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/metadata`, 'a Namespace needs metadata.name');
    return undefined;
  }
  const labels = r.stringMap(meta['labels'], `${pointer}/metadata/labels`);
  if (r.failed) return undefined;
  return { name, labels: { ...labels, [NAME_LABEL]: name }, defined: true, location: r.at(pointer) };
}

/** A namespace no manifest defines. */
export function undefinedNamespace(name: string): Namespace {
  const labels: Labels = { [NAME_LABEL]: name };
  return { name, labels, defined: false };
}
