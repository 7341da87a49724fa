import {
  kafkaControllerLeader,
  kafkaNodes,
  readModelReplica,
  scaledApps,
  serverStatus,
  Stack,
  system,
  waitFor,
} from '@orchard/stack';
import { killHard } from '../process-faults';

/** What a fault did, beyond the errors clients saw while it lasted. */
export interface FaultNotes {
  notes: string[];
  /** For a dead gateway: how long HAProxy took to take it out of rotation. */
  outOfRotationMs?: number;
}

export interface Fault {
  name: string;
  /** Injects the fault and repairs it; resolves once the system is whole again. */
  run(): Promise<FaultNotes>;
}

export interface FaultPlanOptions {
  /** How long a killed process stays dead before it is started again. */
  deadMs: number;
  /** How long every Kafka broker stays stopped. */
  kafkaOutageMs: number;
  /** Called while every broker is down, before they start again: what the drill checks then. */
  duringKafkaOutage: (since: number) => Promise<string[]>;
  /** Starts sagas right before Temporal is killed, so that some are under way when it dies. */
  beforeTemporalDies: () => Promise<void>;
  /** Called after Temporal was killed, before it starts again. */
  whileTemporalIsDown: () => Promise<string[]>;
}

const scaledStack = () => new Stack(system('scaled'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a killed component again, and for an app instance waits until HAProxy routes to it. */
async function restart(name: string): Promise<void> {
  await scaledStack().select([name]).up();
  // HAProxy's backend of an instance is named after its app.
  const backend = scaledApps().find((app) => app.name === name)?.instanceOf;
  if (backend)
    await waitFor(async () => (await serverStatus(backend, name)) === 'UP', {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: `HAProxy to put ${name} back into rotation`,
    });
}

/** SIGKILL, dead for `deadMs`, started again. */
function killAndRestart(name: string, options: FaultPlanOptions): Fault {
  return {
    name: `SIGKILL ${name}`,
    async run() {
      await killHard(name);
      await pause(options.deadMs);
      await restart(name);
      return { notes: [] };
    },
  };
}

/** A dead gateway: how long HAProxy's health checks take to stop sending it requests. */
function killGateway(name: string, options: FaultPlanOptions): Fault {
  return {
    name: `SIGKILL ${name}`,
    async run() {
      const killedAt = Date.now();
      await killHard(name);
      await waitFor(
        async () => (await serverStatus('gateway', name))?.startsWith('DOWN') ?? false,
        {
          timeoutMs: 10_000,
          intervalMs: 20,
          what: `HAProxy to take ${name} out of rotation`,
        },
      );
      const removedMs = Date.now() - killedAt;
      await pause(Math.max(0, options.deadMs - removedMs));
      await restart(name);
      return {
        notes: [`out of rotation ${removedMs} ms after the kill`],
        outOfRotationMs: removedMs,
      };
    },
  };
}

/**
 * The faults in the order they are injected: one gateway, one instance of each service, the
 * Kafka node leading the controller quorum (a broker too), Connect, the read models' replica;
 * then a whole engine at a time: every Kafka broker, and the Temporal server.
 */
export function faultPlan(options: FaultPlanOptions): Fault[] {
  return [
    killGateway('gateway-2', options),
    killAndRestart('order-service', options),
    killAndRestart('payment-service-2', options),
    killAndRestart('inventory-service', options),
    killAndRestart('shipping-service-2', options),
    killAndRestart('read-model-service', options),
    {
      name: 'SIGKILL the Kafka controller leader',
      async run() {
        const leader = await kafkaControllerLeader();
        await killAndRestart(leader, options).run();
        return { notes: [`${leader} led the quorum; now ${await kafkaControllerLeader()} does`] };
      },
    },
    killAndRestart('kafka-connect', options),
    killAndRestart(`postgres-${readModelReplica.owner}-replica`, options),
    {
      name: `every Kafka broker stopped for ${options.kafkaOutageMs / 1000} s`,
      async run() {
        const brokers = kafkaNodes.map((n) => n.name);
        await scaledStack().down(brokers);
        const stoppedAt = Date.now();
        await pause(options.kafkaOutageMs);
        const notes = await options.duringKafkaOutage(stoppedAt);
        await scaledStack().select(brokers).up();
        return {
          notes: [`brokers serving again ${Date.now() - stoppedAt} ms after the stop`, ...notes],
        };
      },
    },
    {
      name: 'SIGKILL the Temporal server',
      async run() {
        await options.beforeTemporalDies();
        await killHard('temporal');
        const notes = await options.whileTemporalIsDown();
        await pause(options.deadMs);
        await restart('temporal');
        return { notes };
      },
    },
  ];
}
