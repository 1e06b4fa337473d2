// Generates examples/aiml-platform/: the bundled AI/ML platform estate as the
// JSON that `aws ec2 describe-*` prints. Deterministic: ids, MAC addresses and
// timestamps derive from fixed labels, so re-running it reproduces the
// committed files byte for byte. The committed JSON is what users and tests
// read; this script only documents and regenerates it.
//
// Run from the repository root:
//   npx tsc scripts/make-example.ts --outDir "$(mktemp -d)" --target es2022 --module nodenext \
//     --moduleResolution nodenext --types node --strict
//   node <that dir>/make-example.js
//
// The estate, its tiers and the misconfigurations planted on purpose are
// described in examples/README.md; keep both in step. The EKS parts (node
// subnets, node groups' instances, control plane interfaces, cluster, node and
// pod security groups) must also agree with the hand-written
// examples/aiml-platform/topology.yaml and k8s/ manifests: SecurityGroupPolicy
// objects there name the pod security groups by the ids generated here.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = path.join('examples', 'aiml-platform');
const OWNER = '123456789012';
const REGION = 'us-east-1';
const VPC_ID = 'vpc-0a1b2c3d4e5f60718';
const VPC_CIDR = '10.20.0.0/16';
const AZ_IDS: Record<string, string> = { 'us-east-1a': 'use1-az4', 'us-east-1b': 'use1-az6' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A 17-hex-digit AWS-style id suffix, stable for a label. */
function hex(label: string, digits = 17): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `0${h.slice(0, digits - 1)}`;
}

function awsId(prefix: string, label: string): string {
  return `${prefix}-${hex(`${prefix}/${label}`)}`;
}

function mac(label: string): string {
  const h = createHash('sha256').update(`mac/${label}`).digest('hex');
  const bytes = [0x0e, ...[0, 2, 4, 6, 8].map((i) => parseInt(h.slice(i, i + 2), 16))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function tags(record: Record<string, string>): Json {
  return Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}

function privateDns(ip: string): string {
  return `ip-${ip.replace(/\./g, '-')}.ec2.internal`;
}

function publicDns(ip: string): string {
  return `ec2-${ip.replace(/\./g, '-')}.compute-1.amazonaws.com`;
}

const COMMON_TAGS = { Project: 'aiml-platform', ManagedBy: 'terraform' };

// ------------------------------------------------------------------ subnets

interface SubnetSpec {
  readonly key: string;
  readonly name: string;
  readonly cidr: string;
  readonly az: string;
  readonly isPublic: boolean;
  readonly nacl: string;
  readonly routeTable: string;
  readonly tier: string;
  /** Tags beyond Name, tier and the common ones (EKS discovery tags). */
  readonly extraTags?: Readonly<Record<string, string>>;
}

/** EKS clusters of the platform; node subnets carry the tags the AWS Load Balancer Controller discovers. */
const EKS_INFERENCE = 'aiml-prod-inference';
const EKS_TRAINING = 'aiml-prod-training';
const eksSubnetTags = (cluster: string): Record<string, string> => ({
  [`kubernetes.io/cluster/${cluster}`]: 'shared',
  'kubernetes.io/role/internal-elb': '1',
});

const SUBNETS: readonly SubnetSpec[] = [
  { key: 'public-1a', name: 'aiml-prod-public-1a', cidr: '10.20.0.0/24', az: 'us-east-1a', isPublic: true, nacl: 'public', routeTable: 'public', tier: 'edge' },
  { key: 'public-1b', name: 'aiml-prod-public-1b', cidr: '10.20.1.0/24', az: 'us-east-1b', isPublic: true, nacl: 'public', routeTable: 'public', tier: 'edge' },
  { key: 'training', name: 'aiml-prod-training-1a', cidr: '10.20.10.0/24', az: 'us-east-1a', isPublic: false, nacl: 'app', routeTable: 'private-1a', tier: 'training' },
  { key: 'inference', name: 'aiml-prod-inference-1b', cidr: '10.20.20.0/24', az: 'us-east-1b', isPublic: false, nacl: 'app', routeTable: 'private-1b', tier: 'inference' },
  { key: 'data', name: 'aiml-prod-data-1a', cidr: '10.20.30.0/24', az: 'us-east-1a', isPublic: false, nacl: 'data', routeTable: 'private-1a', tier: 'data' },
  { key: 'notebooks', name: 'aiml-prod-notebooks-1b', cidr: '10.20.40.0/24', az: 'us-east-1b', isPublic: false, nacl: 'notebooks', routeTable: 'private-1b', tier: 'notebook' },
  { key: 'shared', name: 'aiml-prod-shared-services-1a', cidr: '10.20.50.0/24', az: 'us-east-1a', isPublic: false, nacl: 'app', routeTable: 'private-1a', tier: 'shared-services' },
  // EKS node subnets: /22 each, since the VPC CNI gives every pod an address of its node's subnet.
  { key: 'eks-inference-1a', name: 'aiml-prod-eks-inference-1a', cidr: '10.20.64.0/22', az: 'us-east-1a', isPublic: false, nacl: 'eks', routeTable: 'private-1a', tier: 'eks-inference', extraTags: eksSubnetTags(EKS_INFERENCE) },
  { key: 'eks-inference-1b', name: 'aiml-prod-eks-inference-1b', cidr: '10.20.68.0/22', az: 'us-east-1b', isPublic: false, nacl: 'eks', routeTable: 'private-1b', tier: 'eks-inference', extraTags: eksSubnetTags(EKS_INFERENCE) },
  { key: 'eks-training-1a', name: 'aiml-prod-eks-training-1a', cidr: '10.20.72.0/22', az: 'us-east-1a', isPublic: false, nacl: 'eks', routeTable: 'private-1a', tier: 'eks-training', extraTags: eksSubnetTags(EKS_TRAINING) },
  { key: 'eks-training-1b', name: 'aiml-prod-eks-training-1b', cidr: '10.20.76.0/22', az: 'us-east-1b', isPublic: false, nacl: 'eks', routeTable: 'private-1b', tier: 'eks-training', extraTags: eksSubnetTags(EKS_TRAINING) },
];

const subnetId = (key: string): string => awsId('subnet', key);
const subnetByKey = (key: string): SubnetSpec => {
  const s = SUBNETS.find((x) => x.key === key);
  if (s === undefined) throw new Error(`no subnet ${key}`);
  return s;
};
/** The address `host` places past the subnet's network address (10.20.64.0/22, 300 → 10.20.65.44). */
function hostIp(key: string, host: number): string {
  const [network = '', bits = '32'] = subnetByKey(key).cidr.split('/');
  const base = network.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  if (host < 4 || host >= 2 ** (32 - Number(bits)) - 1) throw new Error(`host ${host} outside the usable part of ${key}`);
  const n = base + host;
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

// ---------------------------------------------------------- security groups

type Source =
  | { readonly cidr: string; readonly description?: string }
  | { readonly sg: string; readonly description?: string }
  | { readonly prefixList: string; readonly description?: string };

interface Permission {
  readonly protocol: 'tcp' | 'udp' | 'icmp' | '-1';
  readonly from?: number;
  readonly to?: number;
  readonly sources: readonly Source[];
}

interface GroupSpec {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly ingress: readonly Permission[];
  /** Undefined: the AWS default (all traffic to 0.0.0.0/0). */
  readonly egress?: readonly Permission[];
  /** Undefined: Name and the common Terraform tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

const CORP_PREFIX_LIST = awsId('pl', 'corp-office-cidrs');
const CORP_OFFICES = [
  { Cidr: '81.2.69.160/27', Description: 'London office egress' },
  { Cidr: '100.42.176.0/28', Description: 'Austin office egress' },
];

const tcp = (from: number, to: number, ...sources: Source[]): Permission => ({ protocol: 'tcp', from, to, sources });
const udp = (from: number, to: number, ...sources: Source[]): Permission => ({ protocol: 'udp', from, to, sources });

const GROUPS: readonly GroupSpec[] = [
  {
    key: 'default',
    name: 'default',
    description: 'default VPC security group',
    ingress: [{ protocol: '-1', sources: [{ sg: 'default' }] }],
  },
  {
    key: 'api-gateway',
    name: 'aiml-prod-api-gateway-sg',
    description: 'Public API gateway (Envoy) for model serving and job submission',
    ingress: [
      tcp(443, 443, { cidr: '0.0.0.0/0', description: 'HTTPS from API clients' }),
      tcp(80, 80, { cidr: '0.0.0.0/0', description: 'HTTP, redirected to HTTPS' }),
    ],
  },
  {
    key: 'bastion',
    name: 'aiml-prod-bastion-sg',
    description: 'SSH bastion for operators',
    ingress: [
      tcp(22, 22, { prefixList: 'corp', description: 'SSH from corporate offices' }),
      // PLANTED MISCONFIGURATION: opened during an incident and never closed.
      tcp(22, 22, { cidr: '0.0.0.0/0', description: 'TEMP INC-2291 vendor remote access - remove after incident' }),
    ],
  },
  {
    key: 'bastion-access',
    name: 'aiml-prod-bastion-access-sg',
    description: 'SSH from the bastion to every host',
    ingress: [tcp(22, 22, { sg: 'bastion', description: 'SSH from bastion' })],
  },
  {
    key: 'node-exporter',
    name: 'aiml-prod-node-exporter-sg',
    description: 'Prometheus node_exporter on every host',
    ingress: [tcp(9100, 9100, { sg: 'monitoring', description: 'node_exporter scrape from Prometheus' })],
  },
  {
    key: 'training',
    name: 'aiml-prod-training-sg',
    description: 'Training cluster hosts (GPU workers and scheduler)',
    ingress: [tcp(8080, 8080, { sg: 'api-gateway', description: 'Job submission API via the gateway' })],
  },
  {
    key: 'training-cluster',
    name: 'aiml-prod-training-cluster-sg',
    description: 'Collective communication between training nodes',
    ingress: [
      tcp(29500, 29500, { sg: 'training-cluster', description: 'torch.distributed rendezvous' }),
      tcp(40000, 49999, { sg: 'training-cluster', description: 'NCCL socket transport' }),
    ],
  },
  {
    key: 'inference',
    name: 'aiml-prod-inference-sg',
    description: 'Model servers (Triton) behind the API gateway',
    ingress: [tcp(443, 443, { sg: 'api-gateway', description: 'Inference requests from the API gateway' })],
    egress: [
      tcp(443, 443, { cidr: '0.0.0.0/0', description: 'Model registry and AWS APIs' }),
      tcp(6379, 6379, { sg: 'online-features', description: 'Online feature lookups' }),
      udp(53, 53, { cidr: '10.20.50.0/24', description: 'DNS resolvers' }),
      tcp(53, 53, { cidr: '10.20.50.0/24', description: 'DNS resolvers' }),
    ],
  },
  {
    key: 'feature-store',
    name: 'aiml-prod-feature-store-sg',
    description: 'Offline feature store (PostgreSQL)',
    ingress: [
      tcp(5432, 5432, { sg: 'training', description: 'Offline feature reads from training jobs' }),
      tcp(5432, 5432, { sg: 'feature-store', description: 'Streaming replication' }),
      // PLANTED MISCONFIGURATION: notebooks were meant to go through the feature API only.
      tcp(5432, 5432, { sg: 'notebooks', description: 'TEMP ad-hoc feature exploration (ML-1432)' }),
      tcp(5432, 5432, { sg: 'eks-training-job-pods', description: 'Offline feature reads from EKS training pods' }),
    ],
  },
  {
    key: 'training-data',
    name: 'aiml-prod-training-data-sg',
    description: 'Training data lake (MinIO, S3 API)',
    ingress: [
      tcp(9000, 9000, { sg: 'training', description: 'S3 API for training jobs' }),
      tcp(9000, 9000, { sg: 'training-data', description: 'MinIO inter-node traffic' }),
      tcp(9000, 9000, { sg: 'eks-training-job-pods', description: 'S3 API for EKS training pods' }),
    ],
  },
  {
    key: 'online-features',
    name: 'aiml-prod-online-features-sg',
    description: 'Online feature cache (Redis)',
    ingress: [
      tcp(6379, 6379, { sg: 'inference', description: 'Online feature lookups from model servers' }),
      tcp(6379, 6379, { sg: 'training', description: 'Feature materialization jobs' }),
      tcp(6379, 6379, { sg: 'eks-model-server-pods', description: 'Online feature lookups from EKS model servers' }),
    ],
  },
  {
    key: 'notebooks',
    name: 'aiml-prod-notebooks-sg',
    description: 'JupyterLab workspaces for data scientists',
    ingress: [tcp(8888, 8888, { sg: 'api-gateway', description: 'JupyterLab via the gateway proxy' })],
  },
  {
    key: 'dns',
    name: 'aiml-prod-dns-sg',
    description: 'Internal DNS resolvers (Unbound)',
    ingress: [
      udp(53, 53, { cidr: VPC_CIDR, description: 'DNS from the VPC' }),
      tcp(53, 53, { cidr: VPC_CIDR, description: 'DNS over TCP from the VPC' }),
    ],
  },
  {
    key: 'monitoring',
    name: 'aiml-prod-monitoring-sg',
    description: 'Prometheus and Grafana',
    ingress: [
      tcp(3000, 3000, { sg: 'api-gateway', description: 'Grafana via the gateway' }),
      tcp(9090, 9090, { sg: 'monitoring', description: 'Grafana to Prometheus' }),
    ],
  },
  {
    key: 'artifact-registry',
    name: 'aiml-prod-artifact-registry-sg',
    description: 'Container and model artifact registry (Harbor)',
    ingress: [tcp(443, 443, { cidr: VPC_CIDR, description: 'Registry API from the VPC' })],
  },
  ...eksClusterGroups(EKS_INFERENCE, 'eks-inference', '1790312467', ['eks-inference-gateway-pods', 'eks-model-server-pods'], [
    tcp(9090, 9090, { sg: 'monitoring', description: 'Federation from the shared-services Prometheus' }),
  ]),
  ...eksClusterGroups(EKS_TRAINING, 'eks-training', '2483906115', ['eks-training-job-pods'], [
    tcp(9090, 9090, { sg: 'monitoring', description: 'Federation from the shared-services Prometheus' }),
  ]),
  // Security groups for pods (SecurityGroupPolicy in the manifests): branch ENIs of the selected pods carry these.
  {
    key: 'eks-inference-gateway-pods',
    name: 'aiml-prod-eks-inference-gateway-pods-sg',
    description: 'EKS pods: in-cluster inference gateway (Envoy)',
    ingress: [
      tcp(8443, 8443, { sg: 'api-gateway', description: 'Edge API gateways to the in-cluster gateway' }),
      tcp(8081, 8081, { sg: 'eks-inference-node', description: 'Kubelet health probes' }),
    ],
  },
  {
    key: 'eks-model-server-pods',
    name: 'aiml-prod-eks-model-server-pods-sg',
    description: 'EKS pods: model servers (Triton)',
    ingress: [
      tcp(8443, 8443, { sg: 'eks-inference-gateway-pods', description: 'Inference requests from the in-cluster gateway' }),
      tcp(8443, 8443, { sg: 'eks-inference-node', description: 'Kubelet readiness probes on the TLS port' }),
      tcp(8001, 8001, { sg: 'eks-model-server-pods', description: 'gRPC between model servers (embeddings)' }),
      tcp(8002, 8002, { sg: 'eks-inference-node', description: 'Prometheus scrape' }),
    ],
  },
  {
    key: 'eks-training-job-pods',
    name: 'aiml-prod-eks-training-job-pods-sg',
    description: 'EKS pods: training jobs and dataset preparation (data lake access)',
    ingress: [
      tcp(29500, 29500, { sg: 'eks-training-job-pods', description: 'torch.distributed rendezvous' }),
      tcp(40000, 49999, { sg: 'eks-training-job-pods', description: 'NCCL socket transport' }),
      tcp(8080, 8080, { sg: 'eks-training-node', description: 'Kubelet probes and Prometheus scrape' }),
    ],
  },
];

/**
 * The three groups of an EKS cluster: the cluster security group EKS itself
 * creates (on the control plane's interfaces), and the cluster and node
 * groups terraform-aws-eks creates, with its recommended node rules.
 * `podGroups` are the cluster's security groups for pods: the node group must
 * admit DNS from them (CoreDNS runs on node-group interfaces).
 */
function eksClusterGroups(cluster: string, key: string, eksSuffix: string, podGroups: readonly string[], extraNodeIngress: readonly Permission[]): GroupSpec[] {
  const node = `${key}-node`;
  const control = `${key}-cluster`;
  const webhook = (port: number): Permission => tcp(port, port, { sg: control, description: `Cluster API to node ${port}/tcp webhook` });
  return [
    {
      key: `${key}-cluster-primary`,
      name: `eks-cluster-sg-${cluster}-${eksSuffix}`,
      description: 'EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.',
      ingress: [{ protocol: '-1', sources: [{ sg: `${key}-cluster-primary` }] }],
      tags: {
        Name: `eks-cluster-sg-${cluster}-${eksSuffix}`,
        [`kubernetes.io/cluster/${cluster}`]: 'owned',
        'aws:eks:cluster-name': cluster,
      },
    },
    {
      key: control,
      name: `aiml-prod-${key}-cluster-sg`,
      description: 'EKS cluster security group',
      ingress: [tcp(443, 443, { sg: node, description: 'Node groups to cluster API' })],
    },
    {
      key: node,
      name: `aiml-prod-${key}-node-sg`,
      description: 'EKS node shared security group',
      ingress: [
        tcp(443, 443, { sg: control, description: 'Cluster API to node groups' }),
        tcp(10250, 10250, { sg: control, description: 'Cluster API to node kubelets' }),
        tcp(53, 53, { sg: node, description: 'Node to node CoreDNS' }),
        udp(53, 53, { sg: node, description: 'Node to node CoreDNS UDP' }),
        tcp(1025, 65535, { sg: node, description: 'Node to node ingress on ephemeral ports' }),
        webhook(4443),
        webhook(6443),
        webhook(8443),
        webhook(9443),
        ...podGroups.flatMap((pods) => [
          tcp(53, 53, { sg: pods, description: 'CoreDNS for pods with security groups' }),
          udp(53, 53, { sg: pods, description: 'CoreDNS for pods with security groups' }),
        ]),
        ...extraNodeIngress,
      ],
      tags: { Name: `aiml-prod-${key}-node-sg`, [`kubernetes.io/cluster/${cluster}`]: 'owned', ...COMMON_TAGS },
    },
  ];
}

const groupId = (key: string): string => awsId('sg', key);
const groupByKey = (key: string): GroupSpec => {
  const g = GROUPS.find((x) => x.key === key);
  if (g === undefined) throw new Error(`no security group ${key}`);
  return g;
};

function permissionJson(p: Permission): Json {
  const out: { [k: string]: Json } = { IpProtocol: p.protocol };
  if (p.protocol !== '-1') {
    out['FromPort'] = p.from ?? -1;
    out['ToPort'] = p.to ?? -1;
  }
  const pairs: Json[] = [];
  const ranges: Json[] = [];
  const lists: Json[] = [];
  for (const s of p.sources) {
    const described = (o: { [k: string]: Json }): Json =>
      s.description === undefined ? o : { Description: s.description, ...o };
    if ('cidr' in s) ranges.push(described({ CidrIp: s.cidr }));
    else if ('sg' in s) pairs.push(described({ UserId: OWNER, GroupId: groupId(s.sg) }));
    else lists.push(described({ PrefixListId: CORP_PREFIX_LIST }));
  }
  out['UserIdGroupPairs'] = pairs;
  out['IpRanges'] = ranges;
  out['Ipv6Ranges'] = [];
  out['PrefixListIds'] = lists;
  return out;
}

const DEFAULT_EGRESS: readonly Permission[] = [{ protocol: '-1', sources: [{ cidr: '0.0.0.0/0' }] }];

function securityGroupsJson(): Json {
  return {
    SecurityGroups: GROUPS.map((g) => ({
      GroupId: groupId(g.key),
      IpPermissionsEgress: (g.egress ?? DEFAULT_EGRESS).map(permissionJson),
      ...(g.key === 'default' ? {} : { Tags: tags(g.tags ?? { Name: g.name, ...COMMON_TAGS }) }),
      VpcId: VPC_ID,
      SecurityGroupArn: `arn:aws:ec2:${REGION}:${OWNER}:security-group/${groupId(g.key)}`,
      OwnerId: OWNER,
      GroupName: g.name,
      Description: g.description,
      IpPermissions: g.ingress.map(permissionJson),
    })),
  };
}

// -------------------------------------------------------------- network ACLs

interface AclEntry {
  readonly n: number;
  readonly egress: boolean;
  readonly protocol: '-1' | '6' | '17' | '1';
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  readonly ports?: readonly [number, number];
}

interface AclSpec {
  readonly key: string;
  readonly name: string;
  readonly entries: readonly AclEntry[];
}

const inA = (n: number, protocol: AclEntry['protocol'], action: AclEntry['action'], cidr: string, ports?: [number, number]): AclEntry =>
  ports === undefined ? { n, egress: false, protocol, action, cidr } : { n, egress: false, protocol, action, cidr, ports };
const outA = (n: number, protocol: AclEntry['protocol'], action: AclEntry['action'], cidr: string, ports?: [number, number]): AclEntry =>
  ports === undefined ? { n, egress: true, protocol, action, cidr } : { n, egress: true, protocol, action, cidr, ports };

const EPHEMERAL: [number, number] = [1024, 65535];
const ANYWHERE = '0.0.0.0/0';
const PUBLIC_SUBNETS = '10.20.0.0/23';
const BASTION_SUBNET = '10.20.0.0/24';
const SHARED_SUBNET = '10.20.50.0/24';

const ACLS: readonly AclSpec[] = [
  {
    key: 'public',
    name: 'aiml-prod-public-nacl',
    entries: [
      inA(50, '-1', 'deny', '185.220.100.0/22'),
      inA(100, '6', 'allow', ANYWHERE, [443, 443]),
      inA(110, '6', 'allow', ANYWHERE, [80, 80]),
      // PLANTED (loose): SSH open to the world at the NACL; only the bastion SG was meant to narrow it.
      inA(120, '6', 'allow', ANYWHERE, [22, 22]),
      inA(130, '6', 'allow', ANYWHERE, EPHEMERAL),
      inA(140, '17', 'allow', VPC_CIDR, EPHEMERAL),
      outA(100, '6', 'allow', ANYWHERE, [443, 443]),
      outA(110, '6', 'allow', ANYWHERE, [80, 80]),
      outA(120, '6', 'allow', VPC_CIDR, [22, 22]),
      outA(130, '17', 'allow', SHARED_SUBNET, [53, 53]),
      outA(140, '6', 'allow', ANYWHERE, EPHEMERAL),
    ],
  },
  {
    key: 'app',
    name: 'aiml-prod-app-nacl',
    entries: [
      inA(100, '6', 'allow', VPC_CIDR, [443, 443]),
      inA(110, '6', 'allow', BASTION_SUBNET, [22, 22]),
      inA(120, '17', 'allow', VPC_CIDR, [53, 53]),
      inA(130, '6', 'allow', VPC_CIDR, [53, 53]),
      inA(140, '6', 'allow', VPC_CIDR, EPHEMERAL),
      inA(150, '17', 'allow', VPC_CIDR, EPHEMERAL),
      inA(160, '6', 'allow', ANYWHERE, EPHEMERAL),
      inA(170, '17', 'allow', ANYWHERE, EPHEMERAL),
      outA(100, '-1', 'allow', VPC_CIDR),
      outA(110, '6', 'allow', ANYWHERE, [443, 443]),
      outA(120, '6', 'allow', ANYWHERE, [80, 80]),
      outA(130, '17', 'allow', ANYWHERE, [53, 53]),
      outA(140, '17', 'allow', ANYWHERE, [123, 123]),
    ],
  },
  {
    key: 'data',
    name: 'aiml-prod-data-nacl',
    entries: [
      inA(100, '6', 'allow', BASTION_SUBNET, [22, 22]),
      inA(110, '-1', 'deny', PUBLIC_SUBNETS),
      inA(120, '6', 'allow', VPC_CIDR, EPHEMERAL),
      inA(130, '17', 'allow', SHARED_SUBNET, EPHEMERAL),
      inA(140, '6', 'allow', ANYWHERE, EPHEMERAL),
      outA(100, '6', 'allow', VPC_CIDR, EPHEMERAL),
      outA(110, '17', 'allow', SHARED_SUBNET, [53, 53]),
      outA(120, '6', 'allow', ANYWHERE, [443, 443]),
    ],
  },
  {
    key: 'notebooks',
    name: 'aiml-prod-notebooks-nacl',
    entries: [
      inA(100, '6', 'allow', BASTION_SUBNET, [22, 22]),
      inA(110, '6', 'allow', PUBLIC_SUBNETS, [8888, 8888]),
      inA(120, '6', 'allow', VPC_CIDR, EPHEMERAL),
      inA(130, '17', 'allow', SHARED_SUBNET, EPHEMERAL),
      inA(140, '6', 'allow', ANYWHERE, EPHEMERAL),
      outA(50, '6', 'deny', '10.20.10.0/24', [0, 65535]),
      outA(100, '6', 'allow', ANYWHERE, [443, 443]),
      outA(110, '6', 'allow', VPC_CIDR, EPHEMERAL),
      outA(120, '17', 'allow', SHARED_SUBNET, [53, 53]),
    ],
  },
  {
    // EKS node subnets: open inside the VPC (nodes, pods, control plane
    // interfaces), and only HTTPS out of it (ECR, S3, the EKS API, model hubs).
    key: 'eks',
    name: 'aiml-prod-eks-nacl',
    entries: [
      inA(100, '-1', 'allow', VPC_CIDR),
      inA(110, '6', 'allow', ANYWHERE, EPHEMERAL),
      outA(100, '-1', 'allow', VPC_CIDR),
      outA(110, '6', 'allow', ANYWHERE, [443, 443]),
    ],
  },
];

const aclId = (key: string): string => awsId('acl', key);

function aclEntryJson(e: AclEntry): Json {
  const out: { [k: string]: Json } = {
    CidrBlock: e.cidr,
    Egress: e.egress,
    Protocol: e.protocol,
    RuleAction: e.action,
    RuleNumber: e.n,
  };
  if (e.ports !== undefined) out['PortRange'] = { From: e.ports[0], To: e.ports[1] };
  return out;
}

/** Entries as the CLI prints them: egress first, then ingress, each by rule number, with the `*` rules. */
function aclEntriesJson(entries: readonly AclEntry[]): Json {
  const all = [
    ...entries,
    { n: 32767, egress: true, protocol: '-1', action: 'deny', cidr: ANYWHERE } as AclEntry,
    { n: 32767, egress: false, protocol: '-1', action: 'deny', cidr: ANYWHERE } as AclEntry,
  ];
  const sorted = [...all].sort((a, b) => Number(b.egress) - Number(a.egress) || a.n - b.n);
  return sorted.map(aclEntryJson);
}

function networkAclsJson(): Json {
  const custom = ACLS.map((acl) => ({
    Associations: SUBNETS.filter((s) => s.nacl === acl.key).map((s) => ({
      NetworkAclAssociationId: awsId('aclassoc', `${acl.key}/${s.key}`),
      NetworkAclId: aclId(acl.key),
      SubnetId: subnetId(s.key),
    })),
    Entries: aclEntriesJson(acl.entries),
    IsDefault: false,
    NetworkAclId: aclId(acl.key),
    Tags: tags({ Name: acl.name, ...COMMON_TAGS }),
    VpcId: VPC_ID,
    OwnerId: OWNER,
  }));
  const defaultAcl = {
    Associations: [],
    Entries: aclEntriesJson([outA(100, '-1', 'allow', ANYWHERE), inA(100, '-1', 'allow', ANYWHERE)]),
    IsDefault: true,
    NetworkAclId: aclId('default'),
    Tags: [],
    VpcId: VPC_ID,
    OwnerId: OWNER,
  };
  return { NetworkAcls: [defaultAcl, ...custom] };
}

// ---------------------------------------------------------------- instances

interface InstanceSpec {
  readonly name: string;
  readonly subnet: string;
  readonly host: number;
  readonly type: string;
  readonly tier: string;
  readonly role: string;
  readonly team: string;
  readonly tenant: string;
  readonly env?: string;
  readonly groups: readonly string[];
  readonly publicIp?: string;
  readonly launched: string;
  /** An EKS managed node group's node: its cluster and node group. */
  readonly eks?: { readonly cluster: string; readonly nodeGroup: string };
}

const BASE_GROUPS = ['bastion-access', 'node-exporter'];

function fleet(
  prefix: string,
  count: number,
  firstHost: number,
  common: Omit<InstanceSpec, 'name' | 'host' | 'tenant'>,
  tenantOf: (i: number) => string,
): InstanceSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    ...common,
    name: `${prefix}-${i + 1}`,
    host: firstHost + i,
    tenant: tenantOf(i),
  }));
}

const INSTANCES: readonly InstanceSpec[] = [
  { name: 'api-gateway-1', subnet: 'public-1a', host: 10, type: 'c6i.xlarge', tier: 'edge', role: 'api-gateway', team: 'platform', tenant: 'shared', groups: ['api-gateway', ...BASE_GROUPS], publicIp: '54.164.21.77', launched: '2025-01-08T10:12:31+00:00' },
  { name: 'api-gateway-2', subnet: 'public-1b', host: 10, type: 'c6i.xlarge', tier: 'edge', role: 'api-gateway', team: 'platform', tenant: 'shared', groups: ['api-gateway', ...BASE_GROUPS], publicIp: '3.91.44.17', launched: '2025-01-08T10:12:33+00:00' },
  { name: 'bastion-1', subnet: 'public-1a', host: 5, type: 't3.small', tier: 'bastion', role: 'bastion', team: 'platform', tenant: 'shared', groups: ['bastion', 'node-exporter'], publicIp: '44.203.118.9', launched: '2024-11-02T08:40:05+00:00' },
  { name: 'train-scheduler-1', subnet: 'training', host: 10, type: 'm6i.2xlarge', tier: 'training', role: 'scheduler', team: 'ml-training', tenant: 'shared', groups: ['training', 'training-cluster', ...BASE_GROUPS], launched: '2025-02-03T14:02:11+00:00' },
  ...fleet('train-gpu', 8, 21, { subnet: 'training', type: 'p4d.24xlarge', tier: 'training', role: 'gpu-worker', team: 'ml-training', groups: ['training', 'training-cluster', ...BASE_GROUPS], launched: '2025-03-11T06:30:48+00:00' }, (i) => (i < 4 ? 'acme-retail' : 'globex-health')),
  ...fleet('infer', 6, 11, { subnet: 'inference', type: 'g5.2xlarge', tier: 'inference', role: 'model-server', team: 'ml-serving', groups: ['inference', ...BASE_GROUPS], launched: '2025-03-02T19:45:20+00:00' }, (i) => (i < 3 ? 'acme-retail' : 'globex-health')),
  ...fleet('feature-store-db', 2, 10, { subnet: 'data', type: 'r6i.2xlarge', tier: 'feature-store', role: 'postgres', team: 'data-eng', groups: ['feature-store', ...BASE_GROUPS], launched: '2024-12-16T11:05:42+00:00' }, () => 'shared'),
  ...fleet('training-data-minio', 3, 21, { subnet: 'data', type: 'i4i.2xlarge', tier: 'training-data', role: 'object-store', team: 'data-eng', groups: ['training-data', ...BASE_GROUPS], launched: '2024-12-16T11:09:13+00:00' }, () => 'shared'),
  { name: 'online-features-redis-1', subnet: 'data', host: 30, type: 'r6g.xlarge', tier: 'online-features', role: 'redis', team: 'data-eng', tenant: 'shared', groups: ['online-features', ...BASE_GROUPS], launched: '2025-01-21T09:17:56+00:00' },
  ...['alice', 'bob', 'chen', 'dana', 'eve'].map(
    (user, i): InstanceSpec => ({
      name: `notebook-${user}`,
      subnet: 'notebooks',
      host: 11 + i,
      type: i < 2 ? 'g5.xlarge' : 'm6i.xlarge',
      tier: 'notebook',
      role: 'jupyter',
      team: 'research',
      tenant: i % 2 === 0 ? 'acme-retail' : 'globex-health',
      env: 'dev',
      groups: ['notebooks', ...BASE_GROUPS],
      launched: `2025-03-${String(17 + i).padStart(2, '0')}T13:${String(10 + i * 7).padStart(2, '0')}:04+00:00`,
    }),
  ),
  ...fleet('dns-resolver', 2, 10, { subnet: 'shared', type: 't3.medium', tier: 'shared-services', role: 'dns', team: 'platform', groups: ['dns', ...BASE_GROUPS], launched: '2024-10-29T07:55:19+00:00' }, () => 'shared'),
  { name: 'prometheus-1', subnet: 'shared', host: 20, type: 'm6i.xlarge', tier: 'shared-services', role: 'prometheus', team: 'platform', tenant: 'shared', groups: ['monitoring', ...BASE_GROUPS], launched: '2024-10-29T08:03:51+00:00' },
  { name: 'grafana-1', subnet: 'shared', host: 21, type: 't3.medium', tier: 'shared-services', role: 'grafana', team: 'platform', tenant: 'shared', groups: ['monitoring', ...BASE_GROUPS], launched: '2024-10-29T08:04:37+00:00' },
  { name: 'artifact-registry-1', subnet: 'shared', host: 30, type: 'm6i.large', tier: 'shared-services', role: 'artifact-registry', team: 'platform', tenant: 'shared', groups: ['artifact-registry', ...BASE_GROUPS], launched: '2024-11-05T16:22:08+00:00' },
  // EKS managed node groups. Nodes carry only the node security group (no SSH,
  // no node_exporter group: access is through SSM, metrics through in-cluster
  // Prometheus). The VPC CNI's secondary addresses, extra ENIs, trunk and branch
  // ENIs are left out of this snapshot: pods are modeled from the manifests in
  // k8s/ and topology.yaml.
  ...eksNodes(EKS_INFERENCE, 'system', 'eks-inference-node', 'm6i.xlarge', 'ml-serving', '2025-05-12T09:41:07+00:00', [['eks-inference-1a', 58], ['eks-inference-1b', 121]]),
  ...eksNodes(EKS_INFERENCE, 'gpu', 'eks-inference-node', 'g5.2xlarge', 'ml-serving', '2025-05-12T09:52:44+00:00', [['eks-inference-1b', 268], ['eks-inference-1b', 713], ['eks-inference-1b', 77]]),
  ...eksNodes(EKS_TRAINING, 'system', 'eks-training-node', 'm6i.xlarge', 'ml-training', '2025-05-19T14:03:26+00:00', [['eks-training-1a', 93], ['eks-training-1b', 40]]),
  ...eksNodes(EKS_TRAINING, 'gpu', 'eks-training-node', 'p4d.24xlarge', 'ml-training', '2025-05-19T14:20:51+00:00', [['eks-training-1a', 271], ['eks-training-1a', 652], ['eks-training-1a', 203], ['eks-training-1a', 777]]),
];

/** Nodes of one EKS managed node group, placed at the given subnet hosts. */
function eksNodes(
  cluster: string,
  nodeGroup: string,
  nodeGroupSg: string,
  type: string,
  team: string,
  launched: string,
  hosts: readonly (readonly [string, number])[],
): InstanceSpec[] {
  return hosts.map(([subnet, host], i) => ({
    name: `${cluster}-${nodeGroup}-${i + 1}`,
    subnet,
    host,
    type,
    tier: cluster === EKS_INFERENCE ? 'eks-inference' : 'eks-training',
    role: `eks-node-${nodeGroup}`,
    team,
    tenant: 'shared',
    groups: [nodeGroupSg],
    launched,
    eks: { cluster, nodeGroup },
  }));
}

const AMI: Record<string, string> = {
  'p4d.24xlarge': 'ami-0c9d7a1b2e3f40516',
  'g5.2xlarge': 'ami-0c9d7a1b2e3f40516',
  'g5.xlarge': 'ami-0c9d7a1b2e3f40516',
  'r6g.xlarge': 'ami-07e1f2a3b4c5d6e7f',
};
const DEFAULT_AMI = 'ami-0e2c8caa4b6378d8c';
/** EKS optimized AMIs (Amazon Linux 2023, Kubernetes 1.31): NVIDIA variant for GPU types. */
const EKS_AMI: Record<string, string> = {
  'p4d.24xlarge': 'ami-0a4f8e3d2c1b09876',
  'g5.2xlarge': 'ami-0a4f8e3d2c1b09876',
};
const EKS_DEFAULT_AMI = 'ami-03d2b7c6e5f4a1908';

/** vCPUs per instance type, for CpuOptions. */
const VCPUS: Record<string, number> = {
  't3.small': 2,
  't3.medium': 2,
  'm6i.large': 2,
  'c6i.xlarge': 4,
  'm6i.xlarge': 4,
  'g5.xlarge': 4,
  'r6g.xlarge': 4,
  'm6i.2xlarge': 8,
  'g5.2xlarge': 8,
  'r6i.2xlarge': 8,
  'i4i.2xlarge': 8,
  'p4d.24xlarge': 96,
};

interface Placed {
  readonly spec: InstanceSpec;
  readonly instanceId: string;
  readonly eniId: string;
  readonly attachmentId: string;
  readonly ip: string;
  readonly subnet: SubnetSpec;
}

const PLACED: readonly Placed[] = INSTANCES.map((spec) => ({
  spec,
  instanceId: awsId('i', spec.name),
  eniId: awsId('eni', spec.name),
  attachmentId: awsId('eni-attach', spec.name),
  ip: hostIp(spec.subnet, spec.host),
  subnet: subnetByKey(spec.subnet),
}));

function groupRefs(keys: readonly string[]): Json {
  return keys.map((k) => ({ GroupId: groupId(k), GroupName: groupByKey(k).name }));
}

function association(publicIp: string | undefined): { [k: string]: Json } {
  return publicIp === undefined
    ? {}
    : { Association: { IpOwnerId: 'amazon', PublicDnsName: publicDns(publicIp), PublicIp: publicIp } };
}

/** A UUID-shaped value, stable for a label. */
function uuid(label: string): string {
  const h = createHash('sha256').update(`uuid/${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The tags EKS managed node groups put on their nodes (through the node group's Auto Scaling group and launch template). */
function eksNodeTags(eks: NonNullable<InstanceSpec['eks']>): Record<string, string> {
  const group = `${eks.cluster}/${eks.nodeGroup}`;
  return {
    'eks:cluster-name': eks.cluster,
    'eks:nodegroup-name': eks.nodeGroup,
    [`kubernetes.io/cluster/${eks.cluster}`]: 'owned',
    'k8s.io/cluster-autoscaler/enabled': 'true',
    [`k8s.io/cluster-autoscaler/${eks.cluster}`]: 'owned',
    'aws:autoscaling:groupName': `eks-${eks.nodeGroup}-${uuid(`asg/${group}`)}`,
    'aws:ec2launchtemplate:id': awsId('lt', group),
    'aws:ec2launchtemplate:version': '1',
  };
}

function instanceTags(s: InstanceSpec): Json {
  return tags({
    // Every node of a managed node group carries the node group's Name.
    Name: s.eks === undefined ? s.name : `${s.eks.cluster}-${s.eks.nodeGroup}`,
    tier: s.tier,
    role: s.role,
    team: s.team,
    env: s.env ?? 'prod',
    tenant: s.tenant,
    ...COMMON_TAGS,
    ...(s.eks === undefined ? {} : eksNodeTags(s.eks)),
  });
}

function instanceJson(p: Placed): Json {
  const s = p.spec;
  const arch = s.type.startsWith('r6g') ? 'arm64' : 'x86_64';
  const vcpus = VCPUS[s.type] ?? 2;
  return {
    Architecture: arch,
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: { AttachTime: s.launched, DeleteOnTermination: true, Status: 'attached', VolumeId: awsId('vol', s.name) },
      },
    ],
    ClientToken:
      s.eks === undefined
        ? `terraform-${s.launched.replace(/\+00:00$/, '').replace(/\D/g, '')}${String(1 + INSTANCES.indexOf(s)).padStart(10, '0')}`
        : uuid(`client-token/${s.name}`),
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: {
      Arn:
        s.eks === undefined
          ? `arn:aws:iam::${OWNER}:instance-profile/aiml-prod-${s.role}`
          : `arn:aws:iam::${OWNER}:instance-profile/eks-${uuid(`profile/${s.eks.cluster}/${s.eks.nodeGroup}`)}`,
      Id: `AIPA${hex(`profile/${s.eks === undefined ? s.role : `${s.eks.cluster}/${s.eks.nodeGroup}`}`, 17).toUpperCase().slice(1)}`,
    },
    NetworkInterfaces: [
      {
        ...association(s.publicIp),
        Attachment: {
          AttachTime: s.launched,
          AttachmentId: p.attachmentId,
          DeleteOnTermination: true,
          DeviceIndex: 0,
          Status: 'attached',
          NetworkCardIndex: 0,
        },
        Description: '',
        Groups: groupRefs(s.groups),
        Ipv6Addresses: [],
        MacAddress: mac(s.name),
        NetworkInterfaceId: p.eniId,
        OwnerId: OWNER,
        PrivateDnsName: privateDns(p.ip),
        PrivateIpAddress: p.ip,
        PrivateIpAddresses: [
          { ...association(s.publicIp), Primary: true, PrivateDnsName: privateDns(p.ip), PrivateIpAddress: p.ip },
        ],
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: subnetId(p.subnet.key),
        VpcId: VPC_ID,
        InterfaceType: 'interface',
        Operator: { Managed: false },
      },
    ],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: groupRefs(s.groups),
    SourceDestCheck: true,
    Tags: instanceTags(s),
    VirtualizationType: 'hvm',
    CpuOptions: arch === 'arm64' ? { CoreCount: vcpus, ThreadsPerCore: 1 } : { CoreCount: vcpus / 2, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    BootMode: 'uefi-preferred',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: s.launched,
    PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: arch === 'arm64' ? 'uefi' : 'legacy-bios',
    NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
    Operator: { Managed: false },
    InstanceId: p.instanceId,
    ImageId: s.eks === undefined ? (AMI[s.type] ?? DEFAULT_AMI) : (EKS_AMI[s.type] ?? EKS_DEFAULT_AMI),
    State: { Code: 16, Name: 'running' },
    PrivateDnsName: privateDns(p.ip),
    PublicDnsName: s.publicIp === undefined ? '' : publicDns(s.publicIp),
    StateTransitionReason: '',
    ...(s.eks === undefined ? { KeyName: 'aiml-prod-ops' } : {}),
    AmiLaunchIndex: 0,
    ProductCodes: [],
    InstanceType: s.type,
    LaunchTime: s.launched,
    Placement: { GroupName: '', Tenancy: 'default', AvailabilityZone: p.subnet.az },
    Monitoring: { State: 'disabled' },
    SubnetId: subnetId(p.subnet.key),
    VpcId: VPC_ID,
    PrivateIpAddress: p.ip,
    ...(s.publicIp === undefined ? {} : { PublicIpAddress: s.publicIp }),
  };
}

function instancesJson(): Json {
  return {
    Reservations: PLACED.map((p) => ({
      ReservationId: awsId('r', p.spec.name),
      OwnerId: OWNER,
      Groups: [],
      Instances: [instanceJson(p)],
    })),
  };
}

// --------------------------------------------------------------- NAT gateway

const NAT = {
  id: `nat-${hex('nat/public-1a')}`,
  eniId: awsId('eni', 'nat-gateway-1a'),
  allocationId: awsId('eipalloc', 'nat-gateway-1a'),
  associationId: awsId('eipassoc', 'nat-gateway-1a'),
  privateIp: '10.20.0.200',
  publicIp: '52.3.187.41',
  subnet: 'public-1a',
  created: '2024-10-28T15:31:02+00:00',
};

/**
 * The EKS control plane's cross-account interfaces in the node subnets: owned
 * by this account, requested by EKS, carrying the cluster security groups.
 */
const CONTROL_PLANE_ENIS: readonly { cluster: string; key: string; subnet: string; host: number; created: string }[] = [
  { cluster: EKS_INFERENCE, key: 'eks-inference', subnet: 'eks-inference-1a', host: 164, created: '2025-05-12T09:18:40+00:00' },
  { cluster: EKS_INFERENCE, key: 'eks-inference', subnet: 'eks-inference-1b', host: 209, created: '2025-05-12T09:18:41+00:00' },
  { cluster: EKS_TRAINING, key: 'eks-training', subnet: 'eks-training-1a', host: 30, created: '2025-05-19T13:47:02+00:00' },
  { cluster: EKS_TRAINING, key: 'eks-training', subnet: 'eks-training-1b', host: 188, created: '2025-05-19T13:47:03+00:00' },
];
const EKS_SERVICE_ACCOUNT = '218713548410';

function controlPlaneEniJson(c: (typeof CONTROL_PLANE_ENIS)[number]): { NetworkInterfaceId: string; [key: string]: Json } {
  const label = `eks-control-plane/${c.cluster}/${c.subnet}`;
  const ip = hostIp(c.subnet, c.host);
  return {
    Attachment: {
      AttachTime: c.created,
      AttachmentId: awsId('eni-attach', label),
      DeleteOnTermination: false,
      DeviceIndex: 1,
      NetworkCardIndex: 0,
      InstanceOwnerId: EKS_SERVICE_ACCOUNT,
      Status: 'attached',
    },
    AvailabilityZone: subnetByKey(c.subnet).az,
    Description: `Amazon EKS ${c.cluster}`,
    Groups: groupRefs([`${c.key}-cluster-primary`, `${c.key}-cluster`]),
    InterfaceType: 'interface',
    Ipv6Addresses: [],
    MacAddress: mac(label),
    NetworkInterfaceId: awsId('eni', label),
    OwnerId: OWNER,
    PrivateDnsName: privateDns(ip),
    PrivateIpAddress: ip,
    PrivateIpAddresses: [{ Primary: true, PrivateDnsName: privateDns(ip), PrivateIpAddress: ip }],
    RequesterId: EKS_SERVICE_ACCOUNT,
    RequesterManaged: true,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: subnetId(c.subnet),
    TagSet: [],
    VpcId: VPC_ID,
    Operator: { Managed: false },
  };
}

function networkInterfacesJson(): Json {
  const instanceEnis = PLACED.map((p) => {
    const s = p.spec;
    return {
      ...association(s.publicIp),
      Attachment: {
        AttachTime: s.launched,
        AttachmentId: p.attachmentId,
        DeleteOnTermination: true,
        DeviceIndex: 0,
        NetworkCardIndex: 0,
        InstanceId: p.instanceId,
        InstanceOwnerId: OWNER,
        Status: 'attached',
      },
      AvailabilityZone: p.subnet.az,
      Description: '',
      Groups: groupRefs(s.groups),
      InterfaceType: 'interface',
      Ipv6Addresses: [],
      MacAddress: mac(s.name),
      NetworkInterfaceId: p.eniId,
      OwnerId: OWNER,
      PrivateDnsName: privateDns(p.ip),
      PrivateIpAddress: p.ip,
      PrivateIpAddresses: [{ ...association(s.publicIp), Primary: true, PrivateDnsName: privateDns(p.ip), PrivateIpAddress: p.ip }],
      RequesterManaged: false,
      SourceDestCheck: true,
      Status: 'in-use',
      SubnetId: subnetId(p.subnet.key),
      TagSet: [],
      VpcId: VPC_ID,
      Operator: { Managed: false },
    };
  });
  const natAssociation = {
    AllocationId: NAT.allocationId,
    AssociationId: NAT.associationId,
    IpOwnerId: OWNER,
    PublicDnsName: publicDns(NAT.publicIp),
    PublicIp: NAT.publicIp,
  };
  const natEni = {
    Association: natAssociation,
    Attachment: {
      AttachTime: NAT.created,
      AttachmentId: awsId('ela-attach', 'nat-gateway-1a'),
      DeleteOnTermination: false,
      DeviceIndex: 1,
      InstanceOwnerId: 'amazon-aws',
      Status: 'attached',
    },
    AvailabilityZone: subnetByKey(NAT.subnet).az,
    Description: `Interface for NAT Gateway ${NAT.id}`,
    Groups: [],
    InterfaceType: 'nat_gateway',
    Ipv6Addresses: [],
    MacAddress: mac('nat-gateway-1a'),
    NetworkInterfaceId: NAT.eniId,
    OwnerId: OWNER,
    PrivateDnsName: privateDns(NAT.privateIp),
    PrivateIpAddress: NAT.privateIp,
    PrivateIpAddresses: [
      { Association: natAssociation, Primary: true, PrivateDnsName: privateDns(NAT.privateIp), PrivateIpAddress: NAT.privateIp },
    ],
    RequesterId: '441824916470',
    RequesterManaged: true,
    SourceDestCheck: false,
    Status: 'in-use',
    SubnetId: subnetId(NAT.subnet),
    TagSet: [],
    VpcId: VPC_ID,
    Operator: { Managed: false },
  };
  const all = [...instanceEnis, natEni, ...CONTROL_PLANE_ENIS.map(controlPlaneEniJson)].sort((a, b) => (a.NetworkInterfaceId < b.NetworkInterfaceId ? -1 : 1));
  return { NetworkInterfaces: all };
}

function natGatewaysJson(): Json {
  return {
    NatGateways: [
      {
        CreateTime: NAT.created,
        NatGatewayAddresses: [
          {
            AllocationId: NAT.allocationId,
            NetworkInterfaceId: NAT.eniId,
            PrivateIp: NAT.privateIp,
            PublicIp: NAT.publicIp,
            AssociationId: NAT.associationId,
            IsPrimary: true,
            Status: 'succeeded',
          },
        ],
        NatGatewayId: NAT.id,
        State: 'available',
        SubnetId: subnetId(NAT.subnet),
        VpcId: VPC_ID,
        Tags: tags({ Name: 'aiml-prod-nat-1a', ...COMMON_TAGS }),
        ConnectivityType: 'public',
      },
    ],
  };
}

// ------------------------------------------------------ VPC, subnets, routes

const IGW_ID = awsId('igw', 'aiml-prod');

function vpcsJson(): Json {
  return {
    Vpcs: [
      {
        OwnerId: OWNER,
        InstanceTenancy: 'default',
        CidrBlockAssociationSet: [
          { AssociationId: awsId('vpc-cidr-assoc', 'primary'), CidrBlock: VPC_CIDR, CidrBlockState: { State: 'associated' } },
        ],
        IsDefault: false,
        Tags: tags({ Name: 'aiml-prod-vpc', env: 'prod', ...COMMON_TAGS }),
        BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
        VpcId: VPC_ID,
        State: 'available',
        CidrBlock: VPC_CIDR,
        DhcpOptionsId: awsId('dopt', 'aiml-prod'),
      },
    ],
  };
}

/** Addresses AWS leaves free: the subnet's size minus the 5 AWS reserves, minus those in use. */
function freeAddresses(key: string): number {
  const used =
    PLACED.filter((p) => p.subnet.key === key).length +
    CONTROL_PLANE_ENIS.filter((c) => c.subnet === key).length +
    (NAT.subnet === key ? 1 : 0);
  const bits = Number(subnetByKey(key).cidr.split('/')[1]);
  return 2 ** (32 - bits) - 5 - used;
}

function subnetsJson(): Json {
  return {
    Subnets: SUBNETS.map((s) => ({
      AvailabilityZoneId: AZ_IDS[s.az] ?? s.az,
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: OWNER,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tags({ Name: s.name, tier: s.tier, ...COMMON_TAGS, ...s.extraTags }),
      SubnetArn: `arn:aws:ec2:${REGION}:${OWNER}:subnet/${subnetId(s.key)}`,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      SubnetId: subnetId(s.key),
      State: 'available',
      VpcId: VPC_ID,
      CidrBlock: s.cidr,
      AvailableIpAddressCount: freeAddresses(s.key),
      AvailabilityZone: s.az,
      DefaultForAz: false,
      MapPublicIpOnLaunch: s.isPublic,
    })),
  };
}

function routeTablesJson(): Json {
  const local = { DestinationCidrBlock: VPC_CIDR, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
  const table = (key: string, name: string, extra: Json[], main: boolean): Json => {
    const id = awsId('rtb', key);
    const subnetAssocs = SUBNETS.filter((s) => s.routeTable === key).map((s) => ({
      Main: false,
      RouteTableAssociationId: awsId('rtbassoc', `${key}/${s.key}`),
      RouteTableId: id,
      SubnetId: subnetId(s.key),
      AssociationState: { State: 'associated' },
    }));
    const mainAssoc = main
      ? [{ Main: true, RouteTableAssociationId: awsId('rtbassoc', `${key}/main`), RouteTableId: id, AssociationState: { State: 'associated' } }]
      : [];
    return {
      Associations: [...mainAssoc, ...subnetAssocs],
      PropagatingVgws: [],
      RouteTableId: id,
      Routes: [local, ...extra],
      Tags: name === '' ? [] : tags({ Name: name, ...COMMON_TAGS }),
      VpcId: VPC_ID,
      OwnerId: OWNER,
    };
  };
  return {
    RouteTables: [
      table('main', '', [], true),
      table('public', 'aiml-prod-public-rt', [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: IGW_ID, Origin: 'CreateRoute', State: 'active' }], false),
      // One private table per AZ; both use the single NAT gateway in 1a to save cost.
      table('private-1a', 'aiml-prod-private-1a-rt', [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NAT.id, Origin: 'CreateRoute', State: 'active' }], false),
      table('private-1b', 'aiml-prod-private-1b-rt', [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NAT.id, Origin: 'CreateRoute', State: 'active' }], false),
    ],
  };
}

function internetGatewaysJson(): Json {
  return {
    InternetGateways: [
      {
        Attachments: [{ State: 'available', VpcId: VPC_ID }],
        InternetGatewayId: IGW_ID,
        OwnerId: OWNER,
        Tags: tags({ Name: 'aiml-prod-igw', ...COMMON_TAGS }),
      },
    ],
  };
}

function prefixListsJson(): Json {
  return {
    PrefixLists: [
      {
        PrefixListId: 'pl-63a5400a',
        AddressFamily: 'IPv4',
        State: 'create-complete',
        PrefixListArn: 'arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a',
        PrefixListName: 'com.amazonaws.us-east-1.s3',
        Tags: [],
        OwnerId: 'AWS',
      },
      {
        PrefixListId: 'pl-02cd2c6b',
        AddressFamily: 'IPv4',
        State: 'create-complete',
        PrefixListArn: 'arn:aws:ec2:us-east-1:aws:prefix-list/pl-02cd2c6b',
        PrefixListName: 'com.amazonaws.us-east-1.dynamodb',
        Tags: [],
        OwnerId: 'AWS',
      },
      {
        PrefixListId: CORP_PREFIX_LIST,
        AddressFamily: 'IPv4',
        State: 'create-complete',
        PrefixListArn: `arn:aws:ec2:${REGION}:${OWNER}:prefix-list/${CORP_PREFIX_LIST}`,
        PrefixListName: 'corp-office-cidrs',
        MaxEntries: 10,
        Version: 3,
        Tags: tags({ Name: 'corp-office-cidrs', ...COMMON_TAGS }),
        OwnerId: OWNER,
      },
    ],
  };
}

// ------------------------------------------------------------------- output

function write(name: string, value: Json): void {
  writeFileSync(path.join(OUT, name), `${JSON.stringify(value, null, 4)}\n`);
}

mkdirSync(OUT, { recursive: true });
write('describe-vpcs.json', vpcsJson());
write('describe-subnets.json', subnetsJson());
write('describe-instances.json', instancesJson());
write('describe-network-interfaces.json', networkInterfacesJson());
write('describe-security-groups.json', securityGroupsJson());
write('describe-network-acls.json', networkAclsJson());
write('describe-route-tables.json', routeTablesJson());
write('describe-internet-gateways.json', internetGatewaysJson());
write('describe-nat-gateways.json', natGatewaysJson());
write('describe-managed-prefix-lists.json', prefixListsJson());
write(`get-managed-prefix-list-entries-${CORP_PREFIX_LIST}.json`, { Entries: CORP_OFFICES });
console.log(`wrote ${OUT}: ${PLACED.length} instances, ${CONTROL_PLANE_ENIS.length} EKS control plane interfaces, ${GROUPS.length} security groups, ${ACLS.length + 1} network ACLs`);
