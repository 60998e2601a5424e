import { type LoadedVillage, loadVillages, VillageError } from '../villages/load.js';
import { UsageError } from './errors.js';

/** Loads the village folders; a folder the user must fix is a usage error (its message names file and fix). */
export function villagesFrom(dir: string, prefix = ''): LoadedVillage[] {
  try {
    return loadVillages(dir);
  } catch (err) {
    if (err instanceof VillageError) throw new UsageError(`${prefix}${err.message}`);
    throw err;
  }
}
