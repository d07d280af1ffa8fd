// The product's features, in the order their commands appear in /aide. Adding a feature
// means adding it here; the router, the job runner, the privacy registry and the command
// menus all read this list.
import type { Feature } from './feature.ts';
import { createGatheringsFeature } from './gatherings/index.ts';
import { createGroupsFeature } from './groups/index.ts';
import { createMutualAidFeature } from './mutual-aid/index.ts';
import { createWatchFeature } from './watch/index.ts';
import type { VigilanceImport } from './watch/index.ts';
import { createHelpFeature } from './help.ts';
import { createSafetyFeature } from './safety.ts';
import { createHousekeepingFeature } from './housekeeping.ts';
import { createCityFiguresFeature } from './city-figures.ts';
import { createCityMessagesFeature } from './city-messages/index.ts';
import { createCityProgrammeFeature } from './city-programme/index.ts';
import { createLanguageFeature } from './language.ts';
import { createPartnersFeature } from './partners/index.ts';
import { createPrivacyFeature } from './privacy/index.ts';
import type { I18n } from './i18n.ts';
import { createUnderstander, type Understander } from './understanding/intents.ts';
import { createKitsFeature, type KitsOptions } from './kits/index.ts';
import { loadKits } from './kits/load-kits.ts';
import { createKitDocumentRenderer } from './kits/render-kit-document.ts';

export interface FeatureOptions {
  i18n: I18n;
  /** The kits and how their documents are made (tests may pass their own). */
  kits?: KitsOptions;
  /** Today's vigilance levels from Météo-France, when an API key is configured. */
  vigilanceImport?: VigilanceImport;
}

export function createFeatures(options: FeatureOptions): Feature[] {
  const features: Feature[] = [];
  const all = () => features;
  let understander: Understander | undefined;
  const kits = options.kits ?? {
    catalogue: loadKits(),
    render: createKitDocumentRenderer(options.i18n),
  };
  features.push(
    createSafetyFeature(),
    createHelpFeature(() => all().flatMap((f) => f.commands ?? [])),
    createKitsFeature(kits),
    createGatheringsFeature(kits),
    createMutualAidFeature(),
    createWatchFeature({
      kits,
      ...(options.vigilanceImport ? { vigilanceImport: options.vigilanceImport } : {}),
    }),
    createGroupsFeature(),
    createLanguageFeature((ctx) => {
      understander ??= createUnderstander(all().flatMap((f) => f.intents ?? []));
      const understood = understander.understand(ctx.event.text, ctx.chat.kind, {
        distressRead: true,
      });
      return understood.kind === 'intent' && understood.intent.asks === true;
    }),
    createPartnersFeature(),
    createPrivacyFeature(() => all().flatMap((f) => (f.privacy ? [f.privacy] : []))),
    createHousekeepingFeature(),
    createCityFiguresFeature(),
    createCityMessagesFeature(),
    createCityProgrammeFeature(),
  );
  return features;
}
