import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { escapeMarkdown, time, TimestampStyles } from '@discordjs/formatters';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { ButtonStyle } from 'discord-api-types/v10';
import type { BallotOption } from '../../../api/domain/decisions/policy.ts';
import { componentId } from '../components/custom-ids.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { fit } from '../reply.ts';
import type { DecisionFacts } from './decision-facts.ts';

const STYLE: Record<BallotOption, ButtonStyle> = { approve: ButtonStyle.Success, abstain: ButtonStyle.Secondary, reject: ButtonStyle.Danger };
const COLOUR = { open: 0x2f6fde, passed: 0x2e9e5b, other: 0x8a8f98 };

/** A kind's name in the reader's language (a kind the tables do not know is a "decision"). */
export const kindName = (t: Translate, kind: string) => t(`kind.${kind}` as MessageKey, { defaultValue: t('kind.other') });
export const outcomeName = (t: Translate, outcome: string) => t(`outcome.${outcome}` as MessageKey, { defaultValue: outcome.replaceAll('_', ' ') });
export const decisionUrl = (publicUrl: string, proposalId: string) => `${publicUrl}/decisions/${encodeURIComponent(proposalId)}/`;

/**
 * The message in the decisions channel: subject, rules, the deadline as a Discord time tag (each
 * reader sees it in their own time zone), the tally or, for a secret vote, the turnout, and the
 * vote buttons while it is open. Titles are other people's text: Markdown in them is escaped.
 */
export function decisionMessage(facts: DecisionFacts, t: Translate, publicUrl: string): RESTPostAPIChannelMessageJSONBody {
  const closes = new Date(facts.closesAt);
  const rules = [t('decision.rulesText', { quorum: facts.rules.quorum, threshold: facts.rules.threshold, minimumApprovals: facts.rules.minimumApprovals })];
  if (facts.rules.concerns) rules.push(t('decision.concernsAllowed'));
  if (facts.rules.secret) rules.push(t('decision.secretRule'));
  const tally = [t('decision.turnout', { voted: facts.voted, electorate: facts.electorate })];
  if (facts.counts) tally.unshift(t('decision.tallyText', facts.counts));
  if (facts.state === 'open' && facts.wouldPass !== null)
    tally.push(facts.wouldPass ? t('decision.wouldPass') : t('decision.wouldNotPass', { outcome: outcomeName(t, facts.tallyOutcome ?? 'rejected') }));
  if (facts.openConcerns.length) tally.push(t('decision.blockedBy', { titles: facts.openConcerns.map((title) => `“${escapeMarkdown(title)}”`).join(', ') }));

  const embed = new EmbedBuilder()
    .setTitle(fit(escapeMarkdown(facts.title), 256))
    .setURL(decisionUrl(publicUrl, facts.proposalId))
    .setDescription(fit(`${kindName(t, facts.kind)} · \`${facts.proposalId}\``, 4096))
    .setColor(facts.state === 'open' ? COLOUR.open : facts.outcome === 'passed' ? COLOUR.passed : COLOUR.other)
    .addFields(
      { name: t('decision.rules'), value: fit(rules.join('\n'), 1024) },
      facts.state === 'open'
        ? { name: t('decision.closes'), value: `${time(closes, TimestampStyles.LongDateTime)} (${time(closes, TimestampStyles.RelativeTime)})` }
        : { name: t('decision.closed'), value: fit(`${t('decision.result', { outcome: outcomeName(t, facts.outcome ?? 'rejected') })}${facts.closedAt ? ` · ${time(new Date(facts.closedAt), TimestampStyles.LongDateTime)}` : ''}`, 1024) },
      { name: t('decision.tally'), value: fit(tally.join('\n'), 1024) },
    );
  if (facts.state === 'open') embed.setFooter({ text: t('decision.help') });

  const row = new ActionRowBuilder<ButtonBuilder>();
  if (facts.state === 'open')
    for (const option of facts.options as BallotOption[])
      row.addComponents(new ButtonBuilder().setCustomId(componentId('vote', facts.proposalId, option)).setStyle(STYLE[option]).setLabel(t(`choice.${option}`)));
  row.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(decisionUrl(publicUrl, facts.proposalId)).setLabel(t('decision.details')));
  return { embeds: [embed.toJSON()], components: [row.toJSON()], allowed_mentions: { parse: [] } };
}
