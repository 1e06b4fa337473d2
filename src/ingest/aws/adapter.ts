// The AWS vendor adapter: claims documents in any supported AWS format and
// assembles the estate from them.

import type { VendorAdapter } from '../adapter.js';
import { assembleAwsEstate } from './assemble.js';
import { detectAws } from './detect.js';

export const awsAdapter: VendorAdapter = {
  vendor: 'aws',
  claim(doc) {
    const d = detectAws(doc);
    if (d.format !== 'none') return { claimed: true };
    return d.hint === undefined ? { claimed: false } : { claimed: false, hint: d.hint };
  },
  assemble: assembleAwsEstate,
};
