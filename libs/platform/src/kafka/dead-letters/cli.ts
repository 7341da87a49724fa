import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { runMain } from '../../process/run-main';
import {
  groupsWithDeadLetters,
  listDeadLetters,
  replayDeadLetters,
  type DeadLetter,
} from './dead-letter-records';

const usage = `npm run events:dead-letters -- list [<group>] [--json]
npm run events:dead-letters -- replay <group> [--at <partition:offset>]...

list     the dead letters of one consumer group, or of every group that has any
replay   sends a group's dead letters (all, or those --at) back to that group only, once
         their cause is fixed; its inbox skips any it has already handled
KAFKA_BROKERS says where Kafka is (default 127.0.0.1:9092).`;

function line(letter: DeadLetter): string {
  const event = letter.eventType ? `${letter.eventType} ${letter.eventId ?? ''}`.trim() : '-';
  return [
    letter.group,
    letter.position,
    letter.deadLetteredAt,
    letter.reason,
    `from ${letter.source}`,
    event,
    `\n    ${letter.detail}`,
  ].join('  ');
}

async function list(kafka: Kafka, group: string | undefined, json: boolean): Promise<void> {
  const groups = group ? [group] : await groupsWithDeadLetters(kafka);
  const letters: DeadLetter[] = [];
  for (const name of groups) letters.push(...(await listDeadLetters(kafka, name)));
  if (json) {
    process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
    return;
  }
  for (const letter of letters) process.stdout.write(`${line(letter)}\n`);
  process.stdout.write(`${letters.length} dead letter(s) in ${groups.length} group(s)\n`);
}

/** `npm run events:dead-letters -- list|replay …`: an operator's look at dead letters. */
runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, at: { type: 'string', multiple: true } },
  });
  const [command, group] = positionals;
  const kafka = new Kafka({
    clientId: 'orchard-dead-letters',
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.ERROR,
  });
  if (command === 'list') return list(kafka, group, values.json);
  if (command === 'replay' && group) {
    const replayed = await replayDeadLetters(kafka, group, values.at);
    process.stdout.write(`replayed ${replayed.length} dead letter(s) into ${group}\n`);
    return;
  }
  throw new Error(`usage:\n${usage}`);
});
