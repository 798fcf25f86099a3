export { openDatabase, databaseKind, type Database, type DatabaseHandle, type Transaction } from './client.ts';
export { migrateDatabase } from './migrate.ts';
export * as tables from './schema/index.ts';
