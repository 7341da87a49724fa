const namePart = /^[a-z][a-z0-9-]*$/;

/**
 * A consumer group is `<service>.<purpose>` (`shipping-service.dispatch-on-confirm`): the name
 * says who consumes what, and it is also the inbox's consumer name and the dead-letter suffix.
 */
export function consumerGroupId(service: string, purpose: string): string {
  for (const part of [service, purpose]) {
    if (!namePart.test(part))
      throw new Error(`"${part}" is not a lower-case, dash-separated consumer group name part`);
  }
  return `${service}.${purpose}`;
}

/** Where a group puts the messages it cannot process, for a person to look at. */
export const deadLetterTopicOf = (groupId: string): string => `dead-letter.${groupId}`;

/**
 * Where dead letters are replayed into, once their cause is fixed: only this group reads it, so
 * a replay reaches the group that failed and no other.
 */
export const replayTopicOf = (groupId: string): string => `replay.${groupId}`;
