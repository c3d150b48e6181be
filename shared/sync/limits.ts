/**
 * The most a rule book may weigh, in bytes: a file imported by hand, and all the files of one fetched
 * from a rules server together (counted as they arrive, decompressed, so a small compressed answer
 * that inflates cannot get past it). Its own module, free of imports: the extension's message
 * protocol, loaded in every context, uses it too.
 */
export const MAX_RULE_BOOK_BYTES = 20_000_000;

/** `MAX_RULE_BOOK_BYTES` as messages say it ("20 MB"). */
export const MAX_RULE_BOOK_SIZE_TEXT = `${MAX_RULE_BOOK_BYTES / 1_000_000} MB`;
