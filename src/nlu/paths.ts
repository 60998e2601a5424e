import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `intents/` folder of the checkout: training data, lexicons and the trained model live there. */
export const INTENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'intents');
