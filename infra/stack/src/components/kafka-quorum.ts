import { run } from '../process/run';
import { ensureJavaAndMaven } from '../install/toolchains';
import { kafkaNodes } from '../scaled-topology';
import { host } from '../topology';
import { kafkaClasspath } from './kafka';

/**
 * The node that leads the scaled profile's KRaft controller quorum (the active controller),
 * as Kafka's own tool reports it: clients are never told which controller is active.
 */
export async function kafkaControllerLeader(): Promise<string> {
  const { java } = await ensureJavaAndMaven();
  const controllers = kafkaNodes.map((n) => `${host}:${n.controllerPort}`).join(',');
  const status = await run(java, [
    '-cp',
    kafkaClasspath(),
    'org.apache.kafka.tools.MetadataQuorumCommand',
    '--bootstrap-controller',
    controllers,
    'describe',
    '--status',
  ]);
  const leaderId = Number(/^LeaderId:\s*(\d+)/m.exec(status)?.[1]);
  const leader = kafkaNodes.find((n) => n.id === leaderId);
  if (!leader) throw new Error(`no quorum leader in:\n${status}`);
  return leader.name;
}
