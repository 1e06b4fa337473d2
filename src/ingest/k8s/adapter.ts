// The Kubernetes vendor adapter: claims documents holding Kubernetes objects
// (or lists of them), builds the cluster from them and converts it to the
// shared model.

import type { VendorAdapter } from '../adapter.js';
import { claimKubernetes } from './detect.js';
import { buildCluster } from './load.js';
import { kubernetesToEstate } from './to-estate.js';

export const kubernetesAdapter: VendorAdapter = {
  vendor: 'kubernetes',
  claim: claimKubernetes,
  assemble(docs, sink) {
    const { cluster } = buildCluster(docs, sink);
    const sgps = cluster.securityGroupPolicies ?? [];
    const first = sgps[0];
    if (first !== undefined) {
      sink.report(
        'k8s-sgp-not-applied',
        `${first.location.file}: ${sgps.length} SecurityGroupPolicy object(s) read but not applied (no ClusterTopology places the cluster in a VPC)`,
        first.location,
      );
    }
    return kubernetesToEstate(cluster, { sources: [...new Set(docs.map((d) => d.file))], sink });
  },
};
