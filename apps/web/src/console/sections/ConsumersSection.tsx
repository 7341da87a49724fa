import { operations } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { Section } from './Section.tsx';

/** Each consumer group's lag behind its topics, and its dead letters waiting for a person. */
export function ConsumersSection() {
  const groups = useLoad(() => operations.consumerGroups(), 'page', []);
  return (
    <Section id="consumers" title="Event consumers" onRefresh={groups.reload} busy={groups.loading}>
      <ErrorNotice message={groups.error} />
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Consumer group</th>
              <th scope="col">Lag (messages)</th>
              <th scope="col">By topic</th>
              <th scope="col">Dead letters</th>
            </tr>
          </thead>
          <tbody>
            {groups.data?.map((g) => (
              <tr
                key={g.group}
                className={g.lag > 0 || g.deadLetters > 0 ? 'attention' : undefined}
              >
                <td>{g.group}</td>
                <td>{g.lag > 0 ? `${g.lag} behind` : 'caught up'}</td>
                <td>{g.topics.map((t) => `${t.topic}: ${t.lag}`).join(', ') || '—'}</td>
                <td>{g.deadLetters > 0 ? `${g.deadLetters} waiting` : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Dead letters: <code>npm run events:dead-letters -- list &lt;group&gt;</code> shows and
        replays them.
      </p>
    </Section>
  );
}
