// The product's features, in the order their commands appear in /aide. Adding a feature
// means adding it here; the router, the job runner, the privacy registry and the command
// menus all read this list.
import type { Feature } from './feature.ts';
import { createGroupsFeature } from './groups/index.ts';
import { createHelpFeature } from './help.ts';
import { createHousekeepingFeature } from './housekeeping.ts';
import { createLanguageFeature } from './language.ts';
import { createPrivacyFeature } from './privacy/index.ts';

export function createFeatures(): Feature[] {
  const features: Feature[] = [];
  const all = () => features;
  features.push(
    createHelpFeature(() => all().flatMap((f) => f.commands ?? [])),
    createGroupsFeature(),
    createLanguageFeature(),
    createPrivacyFeature(() => all().flatMap((f) => (f.privacy ? [f.privacy] : []))),
    createHousekeepingFeature(),
  );
  return features;
}
