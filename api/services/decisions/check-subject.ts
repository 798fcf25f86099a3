import { and, eq, isNull } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { ProposalSubject } from '../../../db/schema/decisions.ts';
import { SUBJECT_TYPE_OF_KIND, subjectRefOf } from '../../domain/decisions/effects.ts';
import { MACHINES } from '../../domain/requests/machines.ts';
import { AppError } from '../errors.ts';
import { effectsOn } from './decision-effects.ts';

const invalid = (field: string, message: string) => new AppError('invalid', `${field}: ${message}`, { field });
const conflict = (field: string, message: string, details: Record<string, unknown> = {}) => new AppError('conflict', `${field}: ${message}`, { field, ...details });

/**
 * Whether a vote of `kind` may open on `subject`: the subject's type fits the kind, the subject
 * exists, it is in a state that can be decided, and no other vote of the same kind on it is open
 * (but `supersedes`, which the new vote replaces). Refusals are `invalid` (the subject is wrong) or
 * `conflict` (it is right, but cannot be decided now), each naming the field.
 */
export async function checkSubject(tx: Transaction, kind: string, subject: ProposalSubject, supersedes?: string): Promise<void> {
  const expected = SUBJECT_TYPE_OF_KIND[kind];
  if (expected && subject.type !== expected) throw invalid('subject.type', `a ${kind} vote is about a subject of type "${expected}", not "${subject.type}".`);
  if (subject.type === 'model_release') await checkModel(tx, subject);
  if (subject.type === 'dataset') await checkDataset(tx, kind, subject);
  if ((subject.type === 'policy' || subject.type === 'membership') && !subject.reference?.trim())
    throw invalid('subject.reference', `name the ${subject.type === 'policy' ? 'policy or document' : 'organisation'} the vote is about.`);

  const ref = subjectRefOf(subject);
  const open = await tx.select({ id: tables.proposals.id, subject: tables.proposals.subject }).from(tables.proposals).where(and(eq(tables.proposals.state, 'open'), eq(tables.proposals.kind, kind)));
  const other = open.find((proposal) => proposal.id !== supersedes && subjectRefOf(proposal.subject) === ref);
  if (other) throw conflict(fieldOf(subject), `the ${kind} vote ${other.id} on ${ref} is still open; withdraw it, or open this one with "supersedes": "${other.id}".`, { openProposalId: other.id });
}

function fieldOf(subject: ProposalSubject): string {
  if (subject.type === 'model_release') return 'subject.modelId';
  if (subject.type === 'dataset') return subject.datasetId ? 'subject.datasetId' : 'subject.reference';
  return 'subject.reference';
}

async function checkModel(tx: Transaction, subject: ProposalSubject): Promise<void> {
  if (!subject.modelId) throw invalid('subject.modelId', 'a release names the model version.');
  const [model] = await tx.select({ status: tables.models.status }).from(tables.models).where(eq(tables.models.id, subject.modelId));
  if (!model) throw invalid('subject.modelId', `no model version has the id "${subject.modelId}".`);
  if (model.status === 'released' || model.status === 'deprecated') throw conflict('subject.modelId', `${subject.modelId} is already ${model.status}.`);
  if (!subject.checkpointDigest) throw invalid('subject.checkpointDigest', 'a release names the checkpoint to release.');
}

async function checkDataset(tx: Transaction, kind: string, subject: ProposalSubject): Promise<void> {
  if (subject.datasetId) {
    const id = subject.datasetId;
    const [imported] = await tx.select({ id: tables.collectionDatasets.datasetId }).from(tables.collectionDatasets).where(eq(tables.collectionDatasets.datasetId, id)).limit(1);
    const [card] = imported ? [imported] : await tx.select({ id: tables.datasetCards.datasetId }).from(tables.datasetCards).where(and(eq(tables.datasetCards.datasetId, id), isNull(tables.datasetCards.archivedAt)));
    if (!card) throw invalid('subject.datasetId', `no dataset has the id "${id}" (neither an imported cycle nor a dataset card holds it).`);
  } else if (subject.reference?.startsWith('request:')) {
    const requestId = subject.reference.slice('request:'.length);
    const [request] = await tx.select({ type: tables.requests.type, state: tables.requests.state }).from(tables.requests).where(eq(tables.requests.id, requestId));
    if (!request || request.type !== 'dataset') throw invalid('subject.reference', `no dataset nomination has the id "${requestId}".`);
    if (MACHINES.dataset.final.includes(request.state)) throw conflict('subject.reference', `the nomination ${requestId} is already ${request.state}.`);
  } else throw invalid('subject.datasetId', 'name the dataset (subject.datasetId) or its nomination (subject.reference "request:<id>").');
  if (kind === 'dataset_deprecation' && !subject.datasetId) throw invalid('subject.datasetId', 'a deprecation names the dataset.');
  if (subject.cycle) {
    const [cycle] = await tx.select({ id: tables.collections.id }).from(tables.collections).where(eq(tables.collections.id, subject.cycle));
    if (!cycle) throw invalid('subject.cycle', `no training cycle has the id "${subject.cycle}".`);
  }
  const [latest] = (await effectsOn(tx, [subjectRefOf(subject)])).filter((row) => isDatasetState(row.effect));
  if (kind === 'dataset_deprecation' && latest?.effect === 'deprecated') throw conflict('subject.datasetId', `${subject.datasetId} was deprecated by ${latest.proposalId}.`);
  if (kind === 'dataset_inclusion' && latest?.effect === 'accepted' && (latest.details.cycle ?? null) === (subject.cycle ?? null))
    throw conflict(fieldOf(subject), `${subjectRefOf(subject)} was already accepted${subject.cycle ? ` for ${subject.cycle}` : ''} by ${latest.proposalId}.`);
}

const isDatasetState = (effect: string) => effect === 'accepted' || effect === 'deprecated';
