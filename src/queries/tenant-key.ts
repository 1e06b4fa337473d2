// Tenant keys: where a tenant-isolation query reads an endpoint's tenant — a
// label (tag) of the endpoint, a label of its Kubernetes namespace, or the
// namespace itself. The text form (`label:tenant`, `tag:tenant`,
// `nslabel:tenant`, `namespace`) is shared by query files and the CLI.

import type { Endpoint } from '../model/estate.js';
import type { Selector, TenantKey } from './query.js';

/** How endpoints without a tenant value are named in answers. */
export const NO_TENANT = '(no tenant)';

export const TENANT_KEY_FORMS = 'a tenant is label:<key> (or tag:<key>), nslabel:<key> (a label of the namespace), or namespace';

export type TenantKeyParse = { readonly ok: true; readonly key: TenantKey } | { readonly ok: false; readonly error: string };

/** Parses `label:<key>`, `tag:<key>`, `nslabel:<key>` or `namespace` (prefixes case-insensitive). */
export function parseTenantKey(text: string): TenantKeyParse {
  const t = text.trim();
  if (t.toLowerCase() === 'namespace') return { ok: true, key: { kind: 'namespace' } };
  const colon = t.indexOf(':');
  const prefix = colon < 0 ? '' : t.slice(0, colon).trim().toLowerCase();
  const key = colon < 0 ? '' : t.slice(colon + 1).trim();
  if (prefix !== 'label' && prefix !== 'tag' && prefix !== 'nslabel') return { ok: false, error: `"${t}" is not a tenant key (${TENANT_KEY_FORMS})` };
  if (key.length === 0) return { ok: false, error: `"${t}": the label key is empty` };
  if (/[\s=!,()]/.test(key)) return { ok: false, error: `"${t}": "${key}" is not a label key (a tenant is the value of one key)` };
  return { ok: true, key: prefix === 'nslabel' ? { kind: 'namespaceLabel', key } : { kind: 'label', key } };
}

/** The text form of a tenant key: `label:tenant`, `nslabel:tenant`, `namespace`. */
export function formatTenantKey(key: TenantKey): string {
  switch (key.kind) {
    case 'label':
      return `label:${key.key}`;
    case 'namespaceLabel':
      return `nslabel:${key.key}`;
    case 'namespace':
      return 'namespace';
  }
}

/** The `among` selector used when a query gives none: the endpoints that have a tenant value. */
export function defaultAmong(key: TenantKey): Selector {
  switch (key.kind) {
    case 'label':
      return { kind: 'label', requirements: [{ key: key.key, op: 'exists' }] };
    case 'namespaceLabel':
      return { kind: 'namespaceLabel', requirements: [{ key: key.key, op: 'exists' }] };
    case 'namespace':
      return { kind: 'namespace', pattern: '*' };
  }
}

/** The tenant value of an endpoint, or undefined when it has none. */
export function tenantValue(key: TenantKey, e: Endpoint): string | undefined {
  switch (key.kind) {
    case 'label':
      return Object.hasOwn(e.labels, key.key) ? e.labels[key.key] : undefined;
    case 'namespaceLabel': {
      const ns = e.scopeLabels?.['namespace'];
      return ns !== undefined && Object.hasOwn(ns, key.key) ? ns[key.key] : undefined;
    }
    case 'namespace':
      return e.scopes['namespace'];
  }
}

/** The tenant an endpoint belongs to in answers: its value, or NO_TENANT. */
export function tenantName(key: TenantKey, e: Endpoint): string {
  return tenantValue(key, e) ?? NO_TENANT;
}
