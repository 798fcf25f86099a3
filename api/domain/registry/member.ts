import { z } from 'zod';
import { MEMBER_ROLES } from '../vocabulary.ts';
import { rejectDuplicates, slug } from './common.ts';

/**
 * One person who acts for an organisation (content/governance/members.yaml). Configured per
 * deployment: the shipped file lists nobody, because the registry does not invent people.
 */
export const memberEntrySchema = z.strictObject({
  /** Stable identifier; the ledger refers to people only by this id. */
  id: slug,
  display_name: z.string({ error: 'expected a display name' }).min(1, 'expected a display name'),
  /** GitHub login, used to recognise `/vote` comments and issue authors. */
  github: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'expected a GitHub login')
    .optional(),
  /** Discord user id (a snowflake), used to recognise button clicks and slash commands. */
  discord: z
    .string()
    .regex(/^\d{15,21}$/, 'expected a Discord user id (a number of 15 to 21 digits, as a string)')
    .optional(),
  /** The organisation the member acts for (an id from organizations.yaml). */
  organization: slug,
  roles: z
    .array(z.enum(MEMBER_ROLES, { error: `expected one of ${MEMBER_ROLES.join(', ')}` }))
    .default([]),
});

export const membersFileSchema = z.strictObject({
  members: z
    .array(memberEntrySchema, { error: 'expected a list of members' })
    .default([])
    .superRefine(rejectDuplicates('id', 'id'))
    .superRefine(rejectDuplicates('github', 'GitHub login'))
    .superRefine(rejectDuplicates('discord', 'Discord user id')),
});

export type MemberEntry = z.infer<typeof memberEntrySchema>;
