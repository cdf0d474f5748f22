// Whether Kong publishes an image of a flavour for a minor, read from the support tables
// (os-support.json: a distribution with `docker: true`). Unknown (the table does not say) counts
// as available: a check must not claim an image is missing without a fact.

import type { ImageFlavour } from './images';
import { osSupportFor, versionKey } from './os-support';

export function flavourAvailable(minor: string, flavour: ImageFlavour): boolean {
  const table = osSupportFor(minor);
  if (!table) return true;
  const listings = table.os.filter(
    (l) => l.os === flavour.os && !l.listedOnlyInOldDocs && (!flavour.osVersion || versionKey(l.os, l.version) === flavour.osVersion),
  );
  if (listings.length === 0) return false;
  return listings.some((l) => l.docker !== false);
}
