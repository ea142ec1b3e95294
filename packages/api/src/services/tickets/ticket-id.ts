const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from the database as UUIDs; anything else cannot name a row (and PostgreSQL would refuse the cast). */
export const isUuid = (value: string): boolean => UUID.test(value);
