export * from './organizations.ts';
export * from './members.ts';
export * from './api-tokens.ts';
export * from './languages.ts';
export * from './country-classes.ts';
export * from './policies.ts';
export * from './content-files.ts';
export * from './ledger.ts';
