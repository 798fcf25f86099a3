import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { COUNTRY_CLASSES } from '../../api/domain/vocabulary.ts';

/** Which country belongs to which class (EU member, EEA, Digital Europe associated). */
export const countryClasses = sqliteTable(
  'country_classes',
  {
    country: text('country').notNull(),
    class: text('class', { enum: COUNTRY_CLASSES }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.country, table.class] })],
);
