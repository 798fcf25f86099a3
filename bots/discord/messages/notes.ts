import { escapeMarkdown, time, TimestampStyles, userMention } from '@discordjs/formatters';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { CONTENT_LIMIT, fit } from '../reply.ts';
import { decisionUrl, outcomeName } from './decision-message.ts';
import type { Announcement, ThreadNote } from './discord-messages.ts';

/** A note in a decision's thread. Only a reminder or a change of subject mentions anyone: the delegates it names. */
export function threadMessage(note: ThreadNote, proposalId: string, t: Translate, publicUrl: string): RESTPostAPIChannelMessageJSONBody {
  switch (note.kind) {
    case 'reminder': {
      const closes = new Date(note.closesAt);
      const text = t('decision.reminder', {
        title: escapeMarkdown(note.title),
        relative: time(closes, TimestampStyles.RelativeTime),
        absolute: time(closes, TimestampStyles.LongDateTime),
        organizations: note.organizations.map((name) => escapeMarkdown(name)).join(', '),
      });
      const who = note.mentions.length ? note.mentions.map((id) => userMention(id)).join(' ') : t('decision.reminderNobodyToMention');
      return { content: fit(`${text}\n${who}`, CONTENT_LIMIT), allowed_mentions: { parse: [], users: note.mentions.slice(0, 100) } };
    }
    case 'ended':
      return { content: fit(t('decision.ended', { title: escapeMarkdown(note.title), outcome: outcomeName(t, note.outcome), url: decisionUrl(publicUrl, proposalId) }), CONTENT_LIMIT), allowed_mentions: { parse: [] } };
    case 'subjectChanged': {
      const text = t('decision.subjectChanged', { changes: note.changes.join(', ') });
      const who = note.mentions.map((id) => userMention(id)).join(' ');
      return { content: fit(who ? `${text}\n${who}` : text, CONTENT_LIMIT), allowed_mentions: { parse: [], users: note.mentions.slice(0, 100) } };
    }
  }
}

/** An announcement: training milestones and new requests. Nobody is mentioned. */
export function announcementMessage(note: Announcement, t: Translate, publicUrl: string): RESTPostAPIChannelMessageJSONBody {
  const content = (() => {
    switch (note.kind) {
      case 'runStarted':
      case 'runCompleted':
        return t(`announce.${note.kind}`, { run: note.run, model: escapeMarkdown(note.model), system: escapeMarkdown(note.system) });
      case 'runFailed':
      case 'checkpoint':
        return t(`announce.${note.kind}`, { run: note.run, model: escapeMarkdown(note.model), step: note.step });
      case 'requestFiled':
        return t('announce.requestFiled', { type: t(`requestType.${note.type}` as MessageKey), id: note.id, url: `${publicUrl}/requests/${note.type}/` });
    }
  })();
  return { content: fit(content, CONTENT_LIMIT), allowed_mentions: { parse: [] } };
}
