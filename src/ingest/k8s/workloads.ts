// Workloads stand for their pods: one representative pod per Pod, Deployment,
// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob,
// with the template's labels and container ports. A Pod with an owner
// reference is reported as its owner (`ns/name[Kind]`); a missing namespace
// is `default`.

import type { ContainerPort, Workload } from './types.js';
import { parseContainerPort } from './ports.js';
import type { ObjectReader, Json } from './reader.js';

/** Workload kinds and the API groups they are read from. */
export const WORKLOAD_KINDS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
};

export const DEFAULT_NAMESPACE = 'default';

export function workloadId(namespace: string, name: string, kind: string): string {
  return `${namespace}/${name}[${kind}]`;
}

function containerPorts(r: ObjectReader, podSpec: Json | undefined, pointer: string): ContainerPort[] {
  const out: ContainerPort[] = [];
  if (podSpec === undefined) return out;
  const containers = r.list(podSpec['containers'], `${pointer}/containers`) ?? [];
  containers.forEach((c, ci) => {
    const cp = `${pointer}/containers/${ci}`;
    const container = r.record(c, cp);
    if (container === undefined) return;
    const ports = r.list(container['ports'], `${cp}/ports`) ?? [];
    ports.forEach((p, pi) => {
      const port = parseContainerPort(r, p, `${cp}/ports/${pi}`);
      if (port !== undefined) out.push(port);
    });
  });
  return out;
}

/** `spec.serviceAccountName` (or the deprecated `serviceAccount`) when set; absent means `default`. */
function serviceAccountOf(podSpec: Json | undefined): { serviceAccount?: string } {
  const name = podSpec?.['serviceAccountName'] ?? podSpec?.['serviceAccount'];
  return typeof name === 'string' && name !== '' && name !== 'default' ? { serviceAccount: name } : {};
}

/** The controlling owner reference (or the first one), if any. */
function owner(r: ObjectReader, meta: Json, pointer: string): { name: string; kind: string } | undefined {
  const refs = r.list(meta['ownerReferences'], `${pointer}/ownerReferences`);
  if (refs === undefined || refs.length === 0) return undefined;
  const records = refs.map((ref, i) => ({ ref: r.record(ref, `${pointer}/ownerReferences/${i}`), i }));
  const chosen = records.find((x) => x.ref?.['controller'] === true) ?? records[0]!;
  if (chosen.ref === undefined) return undefined;
  // A static (mirror) pod is owned by its Node; it stands for itself, as in netpol-analyzer.
  if (chosen.ref['kind'] === 'Node') return undefined;
  const name = r.string(chosen.ref['name'], `${pointer}/ownerReferences/${chosen.i}/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/ownerReferences/${chosen.i}`, 'owner reference without a name');
    return undefined;
  }
  // netpol-analyzer reports an owner without a kind as [Pod].
  const kind = r.string(chosen.ref['kind'], `${pointer}/ownerReferences/${chosen.i}/kind`);
  return { name, kind: kind === undefined || kind === '' ? 'Pod' : kind };
}

/** Where a workload kind keeps its pod template. */
function templatePointer(kind: string, pointer: string): string {
  return kind === 'CronJob' ? `${pointer}/spec/jobTemplate/spec/template` : `${pointer}/spec/template`;
}

function at(value: Json, pointer: string, base: string): unknown {
  const tokens = pointer.slice(base.length).split('/').filter((t) => t !== '');
  let cur: unknown = value;
  for (const t of tokens) cur = typeof cur === 'object' && cur !== null ? (cur as Json)[t] : undefined;
  return cur;
}

/**
 * Reads one workload object at `pointer` (kind is one of WORKLOAD_KINDS).
 * Undefined after an error diagnostic.
 */
export function parseWorkload(r: ObjectReader, value: Json, kind: string, pointer: string): Workload | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const namespace = r.string(meta['namespace'], `${pointer}/metadata/namespace`) || DEFAULT_NAMESPACE;
  const ownName = r.string(meta['name'], `${pointer}/metadata/name`);
  const location = r.at(pointer);
  if (kind === 'Pod') {
    const spec = r.record(value['spec'], `${pointer}/spec`);
    const labels = r.stringMap(meta['labels'], `${pointer}/metadata/labels`);
    const ports = containerPorts(r, spec, `${pointer}/spec`);
    const by = owner(r, meta, `${pointer}/metadata`);
    const name = by?.name ?? ownName;
    if (name === undefined || name === '') {
      r.report('input-invalid', `${pointer}/metadata`, 'a Pod without a name or an owner');
      return undefined;
    }
    const shownKind = by?.kind ?? 'Pod';
    if (r.failed) return undefined;
    return { id: workloadId(namespace, name, shownKind), namespace, name, kind: shownKind, labels, containerPorts: ports, sourceKind: kind, location, ...serviceAccountOf(spec) };
  }
  if (ownName === undefined || ownName === '') {
    r.report('input-invalid', `${pointer}/metadata/name`, `a ${kind} needs metadata.name`);
    return undefined;
  }
  const tp = templatePointer(kind, pointer);
  const template = r.record(at(value, tp, pointer), tp);
  if (template === undefined) {
    r.report('input-invalid', tp.slice(0, tp.lastIndexOf('/')), `a ${kind} needs a pod template (${tp.slice(pointer.length + 1).replace(/\//g, '.')})`);
    return undefined;
  }
  const tmeta = r.record(template['metadata'], `${tp}/metadata`) ?? {};
  const labels = r.stringMap(tmeta['labels'], `${tp}/metadata/labels`);
  const podSpec = r.record(template['spec'], `${tp}/spec`);
  const ports = containerPorts(r, podSpec, `${tp}/spec`);
  if (r.failed) return undefined;
  return { id: workloadId(namespace, ownName, kind), namespace, name: ownName, kind, labels, containerPorts: ports, sourceKind: kind, location, ...serviceAccountOf(podSpec) };
}
