import concern from './concern.ts';
import type { Command } from './command.ts';
import model from './model.ts';
import proposal from './proposal.ts';
import request from './request.ts';
import training from './training.ts';
import vote from './vote.ts';
import whoami from './whoami.ts';

/** Every slash command, by its (English) name: what `discord register-commands` registers and interactions are routed by. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([proposal, vote, concern, request, model, training, whoami].map((command) => [command.data.name, command]));
