/**
 * The version of how a text becomes features and how the model is trained. Bump it when normalize, segment,
 * urgency, features, softmax or train change what they compute, then run `npm run train`: the model's fingerprint
 * is this number with the training data (intents/*.jsonl and the lexicons), not the bytes of the source files, so
 * a comment or a refactor does not make the committed model stale.
 */
export const MODEL_VERSION = 1;
